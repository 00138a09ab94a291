// Passwords: a memory-hard hash for storage, and a strength estimate for new passwords.
//
// HashPassword uses libsodium's crypto_pwhash_str (argon2id; OPSLIMIT_INTERACTIVE and
// MEMLIMIT_INTERACTIVE: about 64 MiB and a few tens of milliseconds per hash on the machines we
// target). The stored string names its own algorithm and parameters, so they can be raised later
// without breaking old hashes. At most kConcurrentHashes hashes run at once in a process (each
// needs its memory): further callers wait, so a burst of sign-ins cannot exhaust memory.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace common {

inline constexpr int kConcurrentHashes = 2;

// The encoded hash ("$argon2id$v=19$m=...") of `password`; nullopt only when the machine cannot
// give the memory the hash needs.
std::optional<std::string> HashPassword(std::string_view password);
// Whether `password` matches `encoded` (a string from HashPassword). False for a malformed hash.
bool VerifyPassword(std::string_view encoded, std::string_view password);
// Spends about the time of one VerifyPassword, for answers that must take as long whether or
// not the login exists.
void DummyPasswordCheck(std::string_view password);

// Estimated bits of guessing entropy of `password` (zxcvbn: dictionaries of common passwords,
// names and words, keyboard patterns, sequences, repeats, dates), treating each of
// `user_words` (a login, a name) as a known word.
double PasswordEntropyBits(std::string_view password, const std::vector<std::string>& user_words);

// A random one-time password: 16 characters from an alphabet without look-alikes
// (no 0/O, 1/l/I), about 90 bits.
std::string NewOneTimePassword();

}  // namespace common
