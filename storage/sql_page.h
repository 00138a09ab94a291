// Keyset pages from SQL: a list query binds FetchLimit(page) (one row more than the page) and
// hands its rows to PageOf, which reads the first page.limit of them and sets `next` only when
// the extra row came back, from the last item read (never on an empty page).
#pragma once

#include <string>
#include <vector>

#include "common/status.h"
#include "registry/store.h"
#include "storage/database.h"

namespace storage {

inline int64_t FetchLimit(const registry::PageRequest& page) { return int64_t{page.limit} + 1; }

// `read`: Result<T>(const Row&). `cursor`: std::string(const T& last item).
template <typename T, typename Read, typename Cursor>
common::Result<registry::Page<T>> PageOf(const std::vector<Row>& rows, const registry::PageRequest& page, Read read,
                                         Cursor cursor) {
  registry::Page<T> out;
  const size_t n = page.limit > 0 ? static_cast<size_t>(page.limit) : 0;
  for (size_t i = 0; i < rows.size() && i < n; ++i) {
    common::Result<T> item = read(rows[i]);
    if (!item.ok()) return item.status();
    out.items.push_back(std::move(item).value());
  }
  if (rows.size() > n && !out.items.empty()) out.next = cursor(out.items.back());
  return out;
}

// The common case: the cursor is the last item's id.
template <typename T, typename Read>
common::Result<registry::Page<T>> PageOf(const std::vector<Row>& rows, const registry::PageRequest& page, Read read) {
  return PageOf<T>(rows, page, read, [](const T& last) { return last.id; });
}

}  // namespace storage
