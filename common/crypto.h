// Hashing and randomness: SHA-256, HMAC-SHA-256, and secure random tokens and ids.
// All functions are thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace common {

using Sha256Digest = std::array<unsigned char, 32>;
// The SHA-256 of `data` as bytes. Comparing two digests byte by byte (std::array's <) orders
// them exactly as their lowercase hex forms compare as strings.
Sha256Digest Sha256(std::string_view data);
// Lowercase hex SHA-256 of `data`.
std::string Sha256Hex(std::string_view data);
// Lowercase hex HMAC-SHA-256 of `data` under `key`.
std::string HmacSha256Hex(std::string_view key, std::string_view data);
// Whether `a` and `b` are equal, in time that depends only on their lengths (for comparing a
// secret a client sent with the expected one).
bool ConstantTimeEquals(std::string_view a, std::string_view b);
// `n` bytes from the operating system's CSPRNG (getrandom). Aborts if the OS cannot supply
// them: continuing with weak randomness would be worse than stopping.
std::string RandomBytes(size_t n);
// A bearer token: "rgt_" + 43 base64url characters (32 random bytes).
std::string NewToken();
// An opaque id: `prefix` + "_" + 20 lowercase base32 characters (100 random bits).
std::string NewId(std::string_view prefix);
// Ids for many records made at once, in increasing order: prefix_ + 7 random characters (the
// run's, 35 bits) + 5 characters counting from 0 (at most 33,554,432 ids a run), all lowercase
// letters and digits in ASCII order, so the ids of one run sort in the order they are made. An
// import gives its catalog items these: the search index is then appended to rather than
// inserted into at random, and its rows are shorter (docs/performance.md).
class SequentialIds {
 public:
  explicit SequentialIds(std::string_view prefix);
  std::string Next();

 private:
  std::string head_;
  uint64_t n_ = 0;
};
// RFC 4648 base64url without padding, and its strict inverse (returns false on bad input).
std::string Base64UrlEncode(std::string_view data);
bool Base64UrlDecode(std::string_view text, std::string* out);

}  // namespace common
