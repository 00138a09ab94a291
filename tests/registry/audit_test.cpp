#include "registry/audit.h"

#include <gtest/gtest.h>

#include <vector>

#include "registry/actor.h"

namespace registry {
namespace {

const std::string kKey = "unit-test-audit-key-0123456789abcdef";

// A chain of n entries hashed under `key` (the server's, unless a forger's).
std::vector<AuditEntry> MakeChain(int n, const std::string& key = kKey) {
  std::vector<AuditEntry> chain;
  std::string prev = kGenesisHash;
  for (int i = 1; i <= n; ++i) {
    AuditEntry e;
    e.seq = i;
    e.at = common::Timestamp{1764579600000000LL + i * 1000000LL};
    e.actor = "acc_" + std::to_string(i % 3);
    e.action = "account.create";
    e.entity_type = "account";
    e.entity_id = "acc_x" + std::to_string(i);
    e.details = "{\"name\":\"n" + std::to_string(i) + "\"}";
    e.digest = AuditDigest(e.details);
    e.prev_hash = prev;
    e.hash = AuditHash(e, key);
    prev = e.hash;
    chain.push_back(e);
  }
  return chain;
}

ChainVerifier Verify(const std::vector<AuditEntry>& chain, int64_t head_seq, const std::string& head_hash,
                     int64_t checkpoint_seq = 0, const std::string& checkpoint_hash = "") {
  ChainVerifier v(kKey);
  if (checkpoint_seq) v.ExpectCheckpoint(checkpoint_seq, checkpoint_hash);
  for (const auto& e : chain) {
    if (!v.Add(e)) break;
  }
  v.Finish(head_seq, head_hash);
  return v;
}

TEST(AuditChainTest, IntactChainVerifies) {
  auto chain = MakeChain(10);
  auto v = Verify(chain, 10, chain.back().hash);
  EXPECT_TRUE(v.ok());
  EXPECT_EQ(v.entries(), 10);
}

TEST(AuditChainTest, EmptyChainVerifiesAgainstGenesisHead) {
  EXPECT_TRUE(Verify({}, 0, kGenesisHash).ok());
}

TEST(AuditChainTest, HashCoversEveryField) {
  AuditEntry base = MakeChain(1)[0];
  std::string h = AuditHash(base, kKey);
  auto changed = [&](auto mutate) {
    AuditEntry e = base;
    mutate(e);
    return AuditHash(e, kKey) != h;
  };
  EXPECT_TRUE(changed([](AuditEntry& e) { e.row_digest = std::string(64, 'a'); }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.seq = 2; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.at.micros += 1; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.actor = "someone"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.action = "account.delete"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.entity_type = "vendor"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.entity_id = "other"; }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.digest = AuditDigest("{}"); }));
  EXPECT_TRUE(changed([](AuditEntry& e) { e.prev_hash = std::string(64, '1'); }));
}

TEST(AuditChainTest, EditedDetailsAreCaughtAtThatEntry) {
  auto chain = MakeChain(10);
  chain[4].details = "{\"name\":\"forged\"}";
  auto v = Verify(chain, 10, chain.back().hash);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.first_bad_seq(), 5);
}

TEST(AuditChainTest, RecomputedHashIsCaughtByTheNextEntry) {
  auto chain = MakeChain(10);
  chain[4].details = "{\"name\":\"forged\"}";
  chain[4].digest = AuditDigest(chain[4].details);
  chain[4].hash = AuditHash(chain[4], kKey);  // a careful forger who even has the key
  auto v = Verify(chain, 10, chain.back().hash);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.first_bad_seq(), 6);
}

TEST(AuditChainTest, DeletedEntryIsCaught) {
  auto chain = MakeChain(10);
  chain.erase(chain.begin() + 3);
  auto v = Verify(chain, 10, MakeChain(10).back().hash);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.first_bad_seq(), 4);
}

TEST(AuditChainTest, DeletedTailIsCaughtByTheHead) {
  auto full = MakeChain(10);
  auto chain = full;
  chain.pop_back();
  auto v = Verify(chain, 10, full.back().hash);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.first_bad_seq(), 10);
}

// The head is what the chain must end at. Mutation testing found first_bad_seq off by one for
// entries beyond the head and for a last entry rewritten with the head left as it was.
TEST(AuditChainTest, EntriesBeyondTheHeadAreNamedFromTheFirstOfThem) {
  auto chain = MakeChain(10);  // ten well-formed entries, but the head says seven
  auto v = Verify(chain, 7, chain[6].hash);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.first_bad_seq(), 8);
}

TEST(AuditChainTest, ALastEntryThatDoesNotMatchTheHeadIsNamed) {
  auto chain = MakeChain(10);
  auto v = Verify(chain, 10, MakeChain(10, "another-key").back().hash);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.first_bad_seq(), 10);
  // An empty log whose head is not the genesis head: the first entry is what is missing.
  auto empty = Verify({}, 0, chain[0].hash);
  EXPECT_FALSE(empty.ok());
  EXPECT_EQ(empty.first_bad_seq(), 1);
}

TEST(AuditChainTest, SwappedEntriesAreCaught) {
  auto chain = MakeChain(10);
  std::swap(chain[2].details, chain[3].details);
  std::swap(chain[2].digest, chain[3].digest);
  auto v = Verify(chain, 10, chain.back().hash);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.first_bad_seq(), 3);
}

// Without the key, recomputing every hash (plain SHA-256, as the chain once was, or HMAC under a
// guessed key) and the head does not make a forged chain verify.
TEST(AuditChainTest, AChainRecomputedWithoutTheKeyFailsAtItsFirstEntry) {
  auto forged = MakeChain(10, "a-guessed-key");
  EXPECT_EQ(Verify(forged, 10, forged.back().hash).first_bad_seq(), 1);
  std::vector<AuditEntry> plain = MakeChain(10);
  std::string prev = kGenesisHash;
  for (auto& e : plain) {
    e.prev_hash = prev;
    e.hash = LegacyAuditHash(e);
    prev = e.hash;
  }
  EXPECT_EQ(Verify(plain, 10, plain.back().hash).first_bad_seq(), 1);
  // And the old rule still checks an old chain (for sealing it).
  ChainVerifier legacy("", /*legacy=*/true);
  for (const auto& e : plain) legacy.Add(e);
  EXPECT_TRUE(legacy.Finish(10, plain.back().hash));
}

// Truncation with the head moved back verifies as a chain; the checkpoint kept elsewhere is what
// catches it. A checkpoint whose entry was rewritten fails too.
TEST(AuditChainTest, ACheckpointCatchesTruncationWithTheHeadMovedBack) {
  auto full = MakeChain(50);
  std::vector<AuditEntry> cut(full.begin(), full.begin() + 10);
  EXPECT_TRUE(Verify(cut, 10, cut.back().hash).ok());
  auto v = Verify(cut, 10, cut.back().hash, 50, full.back().hash);
  EXPECT_FALSE(v.ok());
  EXPECT_EQ(v.checkpoint_problem(), "missing");
  EXPECT_EQ(v.first_bad_seq(), 11);
  auto changed = Verify(full, 50, full.back().hash, 20, std::string(64, 'f'));
  EXPECT_FALSE(changed.ok());
  EXPECT_EQ(changed.checkpoint_problem(), "changed");
  EXPECT_EQ(changed.first_bad_seq(), 20);
  EXPECT_TRUE(Verify(full, 50, full.back().hash, 20, full[19].hash).ok());
}

TEST(RoleTest, NamesRoundTrip) {
  for (Role r : {Role::kBureau, Role::kOfficer, Role::kExpert, Role::kVendor, Role::kAuditor}) {
    EXPECT_EQ(ParseRole(RoleName(r)), r);
  }
  EXPECT_FALSE(ParseRole("admin").has_value());
  EXPECT_FALSE(ParseRole("Bureau").has_value());
}

}  // namespace
}  // namespace registry
