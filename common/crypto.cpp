#include "common/crypto.h"

#include <sys/random.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include <openssl/evp.h>
#include <openssl/crypto.h>
#include <openssl/hmac.h>

namespace common {
namespace {

std::string Hex(const unsigned char* bytes, size_t n) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out(2 * n, '\0');
  for (size_t i = 0; i < n; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 15];
  }
  return out;
}

}  // namespace

// OpenSSL's libcrypto, not Poco's SHA2Engine: the audit chain hashes two to three times per
// write inside the serialised write turn, and Poco's portable C (plus an engine object and a
// vector per digest) cost several times as many instructions (callgrind; docs/performance.md).
// The digest is fetched once and each thread reuses one context: OpenSSL 3's one-shot SHA256()
// fetches the algorithm from the provider on every call, which alone cost about 9,000
// instructions per hash.
Sha256Digest Sha256(std::string_view data) {
  static EVP_MD* const kSha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  struct Ctx {
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    ~Ctx() { EVP_MD_CTX_free(ctx); }
  };
  thread_local Ctx local;
  Sha256Digest md;
  unsigned int len = 0;
  if (!kSha256 || !local.ctx || !EVP_DigestInit_ex(local.ctx, kSha256, nullptr) ||
      !EVP_DigestUpdate(local.ctx, data.data(), data.size()) || !EVP_DigestFinal_ex(local.ctx, md.data(), &len) ||
      len != md.size()) {
    std::fputs("SHA-256 failed\n", stderr);
    std::abort();  // no provider or out of memory: never continue with no digest
  }
  return md;
}

std::string Sha256Hex(std::string_view data) {
  Sha256Digest md = Sha256(data);
  return Hex(md.data(), md.size());
}

std::string HmacSha256Hex(std::string_view key, std::string_view data) {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  if (!HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
            reinterpret_cast<const unsigned char*>(data.data()), data.size(), md, &len)) {
    std::fputs("HMAC-SHA-256 failed\n", stderr);
    std::abort();  // cannot happen with a built-in digest; never continue with no MAC
  }
  return Hex(md, len);
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string RandomBytes(size_t n) {
  std::string out(n, '\0');
  size_t got = 0;
  while (got < n) {
    ssize_t r = getrandom(out.data() + got, n - got, 0);
    if (r < 0) {
      if (errno == EINTR) continue;
      std::perror("getrandom");
      std::abort();
    }
    got += static_cast<size_t>(r);
  }
  return out;
}

std::string NewToken() { return "rgt_" + Base64UrlEncode(RandomBytes(32)); }

SequentialIds::SequentialIds(std::string_view prefix) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";  // base 32, in ASCII order
  std::string bytes = RandomBytes(5);  // 40 bits, of which 35 make 7 characters
  uint64_t acc = 0;
  for (char b : bytes) acc = (acc << 8) | static_cast<unsigned char>(b);
  head_ = std::string(prefix) + "_";
  for (int i = 6; i >= 0; --i) head_ += kDigits[(acc >> (5 * i)) & 31];
}

std::string SequentialIds::Next() {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuv";
  std::string id = head_;
  uint64_t n = n_++;
  for (int i = 4; i >= 0; --i) id += kDigits[(n >> (5 * i)) & 31];
  return id;
}

std::string NewId(std::string_view prefix) {
  static constexpr char kAlphabet[] = "abcdefghijklmnopqrstuvwxyz234567";
  std::string bytes = RandomBytes(13);  // 104 bits; 20 chars use 100
  std::string id(prefix);
  id += '_';
  uint64_t acc = 0;
  int bits = 0;
  size_t bi = 0;
  while (id.size() < prefix.size() + 1 + 20) {
    if (bits < 5) {
      acc = (acc << 8) | static_cast<unsigned char>(bytes[bi++]);
      bits += 8;
    }
    id += kAlphabet[(acc >> (bits - 5)) & 31];
    bits -= 5;
  }
  return id;
}

std::string Base64UrlEncode(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  out.reserve((data.size() + 2) / 3 * 4);
  size_t i = 0;
  while (i + 3 <= data.size()) {
    uint32_t v = (static_cast<unsigned char>(data[i]) << 16) |
                 (static_cast<unsigned char>(data[i + 1]) << 8) | static_cast<unsigned char>(data[i + 2]);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
    out += kAlphabet[v & 63];
    i += 3;
  }
  size_t rest = data.size() - i;
  if (rest == 1) {
    uint32_t v = static_cast<unsigned char>(data[i]) << 16;
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
  } else if (rest == 2) {
    uint32_t v = (static_cast<unsigned char>(data[i]) << 16) | (static_cast<unsigned char>(data[i + 1]) << 8);
    out += kAlphabet[v >> 18];
    out += kAlphabet[(v >> 12) & 63];
    out += kAlphabet[(v >> 6) & 63];
  }
  return out;
}

bool Base64UrlDecode(std::string_view text, std::string* out) {
  auto val = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '-') return 62;
    if (c == '_') return 63;
    return -1;
  };
  if (text.size() % 4 == 1) return false;
  out->clear();
  uint32_t acc = 0;
  int bits = 0;
  for (char c : text) {
    int v = val(c);
    if (v < 0) return false;
    acc = (acc << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out->push_back(static_cast<char>((acc >> bits) & 0xFF));
    }
  }
  // Non-canonical encodings (stray low bits) are rejected so that each value has one spelling.
  return (acc & ((1u << bits) - 1)) == 0;
}

}  // namespace common
