#include "common/password.h"

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>

#include <sodium.h>
#include <zxcvbn.h>

#include "common/crypto.h"
#include "common/thread_annotations.h"

namespace common {
namespace {

// libsodium must be initialised once before use; sodium_init is itself thread-safe and
// idempotent, a function-local static makes it run once.
void EnsureSodium() {
  static const bool ok = sodium_init() >= 0;
  if (!ok) {
    std::fputs("libsodium cannot be initialised\n", stderr);
    std::abort();
  }
}

// Bounds the hashes in progress: each holds MEMLIMIT_INTERACTIVE bytes while it runs.
class HashSlots {
 public:
  void Acquire() {
    MutexLock lock(mu_);
    cv_.wait(lock.native(), [&]() REQUIRES(mu_) { return used_ < kConcurrentHashes; });
    ++used_;
  }
  void Release() {
    {
      MutexLock lock(mu_);
      --used_;
    }
    cv_.notify_one();
  }

 private:
  Mutex mu_;
  std::condition_variable cv_;
  int used_ GUARDED_BY(mu_) = 0;
};

HashSlots& Slots() {
  static HashSlots slots;
  return slots;
}

struct SlotGuard {
  SlotGuard() { Slots().Acquire(); }
  ~SlotGuard() { Slots().Release(); }
};

}  // namespace

std::optional<std::string> HashPassword(std::string_view password) {
  EnsureSodium();
  SlotGuard slot;
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return std::nullopt;
  }
  return std::string(out);
}

bool VerifyPassword(std::string_view encoded, std::string_view password) {
  EnsureSodium();
  if (encoded.empty() || encoded.size() >= crypto_pwhash_STRBYTES) return false;
  std::string z(encoded);  // NUL-terminated for libsodium
  SlotGuard slot;
  return crypto_pwhash_str_verify(z.c_str(), password.data(), password.size()) == 0;
}

void DummyPasswordCheck(std::string_view password) {
  // A hash made once with the same parameters: verifying against it costs what a real check costs.
  static const std::string kDummy = HashPassword(RandomBytes(16)).value_or("");
  (void)VerifyPassword(kDummy, password);
}

double PasswordEntropyBits(std::string_view password, const std::vector<std::string>& user_words) {
  std::string z(password);
  std::vector<const char*> dict;
  for (const std::string& w : user_words) {
    if (!w.empty()) dict.push_back(w.c_str());
  }
  dict.push_back(nullptr);
  return ZxcvbnMatch(z.c_str(), dict.data(), nullptr);
}

std::string NewOneTimePassword() {
  static constexpr char kAlphabet[] = "23456789abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ";
  constexpr size_t kSize = sizeof(kAlphabet) - 1;  // 56
  std::string out;
  while (out.size() < 16) {
    for (unsigned char b : RandomBytes(32)) {
      // Rejection sampling keeps every character equally likely.
      if (b < 256 - 256 % kSize && out.size() < 16) out.push_back(kAlphabet[b % kSize]);
    }
  }
  return out;
}

}  // namespace common
