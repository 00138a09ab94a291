// The SQL FileStore (evidence files), for both dialects (storage/sql_registry_stores.h).
#include <map>
#include <set>

#include "storage/sql_page.h"
#include "storage/sql_registry_stores.h"
#include "storage/sql_rows.h"
#include "storage/stored.h"

namespace storage {
namespace {

using common::Date;
using common::Result;
using common::Status;
using namespace registry;

class SqlFileStore final : public FileStore {
 public:
  explicit SqlFileStore(Tx& tx) : tx_(tx) {}
  Status Insert(const StoredFile& f) override {
    return tx_.Exec("INSERT INTO files (id, vendor_id, uploaded_by, name, content_type, size, sha256, content, "
                    "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    {f.id, f.vendor_id, f.uploaded_by, f.name, f.content_type, f.size, f.sha256, f.content,
                     common::FormatTimestamp(f.created_at)})
        .status();
  }
  Result<std::optional<StoredFile>> Get(const std::string& id, bool with_content) override {
    ASSIGN_OR_RETURN(auto rows, tx_.Query(with_content ? "SELECT id, vendor_id, uploaded_by, name, content_type, size, "
                                                         "sha256, created_at, content FROM files WHERE id = ?"
                                                       : "SELECT id, vendor_id, uploaded_by, name, content_type, size, "
                                                         "sha256, created_at FROM files WHERE id = ?",
                                          {id}));
    if (rows.empty()) return std::optional<StoredFile>();
    const Row& r = rows[0];
    StoredFile f;
    f.id = r.Text(0);
    f.vendor_id = r.Text(1);
    f.uploaded_by = r.Text(2);
    f.name = r.Text(3);
    f.content_type = r.Text(4);
    f.size = r.Int(5);
    f.sha256 = r.Text(6);
    ASSIGN_OR_RETURN(f.created_at, ParseStoredTime(r.Text(7)));
    if (with_content) f.content = r.Text(8);
    return std::optional<StoredFile>(std::move(f));
  }

 private:
  Tx& tx_;
};

}  // namespace

std::unique_ptr<FileStore> MakeFileStore(Tx& tx) { return std::make_unique<SqlFileStore>(tx); }

}  // namespace storage
