// Tenders end to end on both backends: sealed bids, the deadline by the server's (file-driven)
// clock, opening with the qualification review, scores, evaluation with the domestic tie-break,
// award with its market-access re-check, failure and cancellation.
#include <gtest/gtest.h>
#include <signal.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include "common/credit_code.h"
#include "support/registryd_process.h"
#include "support/server_test.h"
#include "support/test_db.h"
#include "e2e/tender_fixture.h"

namespace {

using namespace tender_fixture;

class TenderE2eTest : public TenderFixture {};

TEST_P(TenderE2eTest, SealedBidsDeadlineOpeningEvaluationAndAward) {
  Vendor a = MakeVendor(1), b = MakeVendor(2), c = MakeVendor(3), d = MakeVendor(4, /*listed=*/false);
  std::string id = CreateTender();
  std::string t = "/v1/tenders/" + id;
  json tender = Get(t, officer_).json();
  EXPECT_EQ(tender["status"], "draft");
  EXPECT_EQ(tender["requirements"][0], json({{"qualification", "CS"}, {"min_level", "CS3"}}));  // the category's
  // A draft (its budget, its terms) does not exist for vendors and experts yet.
  ExpectProblem(Get(t, a.token), 404, "not_found");
  ExpectProblem(Post(t + "/bids", {{"price", "800000.00"}, {"domestic", false}}, a.token), 404, "not_found");
  ExpectProblem(Post(t + "/publish", nullptr, a.token), 403, "forbidden");
  EXPECT_EQ(Post(t + "/publish", nullptr, officer_).json()["status"], "open");

  ASSERT_EQ(Post(t + "/bids", {{"price", "810000.00"}, {"domestic", false}}, a.token).status, 201);
  HttpResult replaced = Post(t + "/bids", {{"price", "800000.00"}, {"domestic", false}, {"note", "含三年运维"}}, a.token);
  ASSERT_EQ(replaced.status, 201) << replaced.body;
  EXPECT_EQ(replaced.json()["replaced"], true);
  HttpResult claimed_only = Post(t + "/bids", {{"price", "900000.00"}, {"domestic", true}}, b.token);
  ASSERT_EQ(claimed_only.status, 201);
  EXPECT_EQ(claimed_only.json()["domestic"], false) << "a claim without verified catalog items counted";
  ASSERT_EQ(Post(t + "/bids", {{"price", "900000.00"}, {"domestic", true}, {"items", {DomesticItem(b)}}}, b.token).status, 201);
  ASSERT_EQ(Post(t + "/bids", {{"price", "1000000.00"}, {"domestic", true}, {"items", {DomesticItem(c)}}}, c.token).status, 201);
  ASSERT_EQ(Post(t + "/bids", {{"price", "700000.00"}, {"domestic", true}}, d.token).status, 201);
  ExpectProblem(Post(t + "/bids", {{"price", "1.00"}, {"domestic", false}}, officer_), 403, "forbidden");

  // Sealed: nobody but the bidder reads a bid before opening — not the bids list, not the audit log.
  ExpectProblem(Get(t + "/bids", officer_), 403, "sealed");
  ExpectProblem(Get(t + "/bids", expert_), 403, "sealed");
  ExpectProblem(Get(t + "/bids", auditor_), 403, "sealed");
  ExpectProblem(Get(t + "/bids", kAdmin), 403, "forbidden");
  json own = Get(t + "/bids", a.token).json()["items"];
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0]["price"], "800000.00");
  EXPECT_EQ(own[0]["note"], "含三年运维");
  std::string audit = Get("/v1/audit?entity_type=bid&limit=500", auditor_).body;
  EXPECT_EQ(audit.find("800000"), std::string::npos) << audit;
  EXPECT_EQ(audit.find("含三年运维"), std::string::npos);
  // Nor who bid (the trust issue): the bid entries are there, redacted, for the bureau too.
  for (const std::string& reader : {std::string(auditor_), std::string(kAdmin)}) {
    std::string whole = Get("/v1/audit?limit=500", reader).body;
    for (const Vendor& v : {a, b, c, d}) {
      // The vendors' own entries (registration) name them; no bid entry may.
      json log = json::parse(whole)["items"];
      for (const auto& e : log) {
        if (e["entity_type"] != "bid") continue;
        EXPECT_EQ(e["redacted"], true) << e.dump();
        EXPECT_FALSE(e.contains("entity_id") || e.contains("actor") || e.contains("details") || e.contains("digest"))
            << e.dump();
        EXPECT_EQ(e.dump().find(v.id), std::string::npos) << e.dump();
      }
    }
  }
  // Asked by the bidder's account, the log shows none of its bid entries (that would tell it bid).
  std::string a_account = Get("/v1/me", a.token).json()["id"];
  json by_a = Get("/v1/audit?actor=" + a_account + "&limit=500", auditor_).json()["items"];
  for (const auto& e : by_a) EXPECT_NE(e["entity_type"], "bid") << e.dump();
  size_t sealed_entries = Get("/v1/audit?entity_type=bid&limit=500", auditor_).json()["items"].size();
  EXPECT_EQ(sealed_entries, 6u);  // five submissions and a replacement, counted but not named
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);  // verify still checks them
  ExpectProblem(Get(t + "/evaluation", officer_), 404, "not_found");

  ExpectProblem(Post(t + "/open", nullptr, officer_), 409, "invalid_state");  // before the deadline
  SetClock("2026-12-05T02:00:01Z");
  ExpectProblem(Post(t + "/bids", {{"price", "500000.00"}, {"domestic", true}}, a.token), 409, "bidding_closed");
  HttpResult opened = Post(t + "/open", nullptr, officer_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["status"], "opened");
  // Opened: the bid entries name their bids and bidders again.
  json unsealed = Get("/v1/audit?entity_type=bid&limit=500", auditor_).json()["items"];
  ASSERT_FALSE(unsealed.empty());
  for (const auto& e : unsealed) {
    EXPECT_FALSE(e.contains("redacted")) << e.dump();
    EXPECT_TRUE(e.contains("entity_id") && e.contains("actor")) << e.dump();
  }

  // Among experts only the committee reads the bids: none before it is drawn.
  ExpectProblem(Get(t + "/bids", expert_), 403, "forbidden");
  ExpectProblem(Post(t + "/evaluate", nullptr, officer_), 409, "invalid_state");  // no committee yet
  ASSERT_EQ(Post(t + "/committee", nullptr, officer_).status, 201);
  json bids = Get(t + "/bids", expert_).json()["items"];
  ASSERT_EQ(bids.size(), 4u);
  std::map<std::string, json> by_vendor;
  for (const auto& x : bids) by_vendor[x["vendor_id"]] = x;
  EXPECT_EQ(by_vendor[a.id]["price"], "800000.00");
  EXPECT_EQ(by_vendor[a.id]["vendor_name"], "投标人1");  // names next to ids
  EXPECT_EQ(by_vendor[a.id]["tender_title"], "市政务云平台集成项目");
  EXPECT_EQ(Get(t, auditor_).json()["owner_name"], "采购处 王五");
  EXPECT_EQ(by_vendor[a.id]["review"]["eligible"], true);
  EXPECT_EQ(by_vendor[d.id]["review"]["eligible"], false);
  EXPECT_EQ(by_vendor[d.id]["review"]["reasons"][0]["code"], "not_listed");
  std::string bid_a = by_vendor[a.id]["id"], bid_b = by_vendor[b.id]["id"], bid_c = by_vendor[c.id]["id"];

  ExpectProblem(Post(t + "/scores", {{"scores", {{{"bid_id", bid_a}, {"technical_score", 70.01}}}}}, expert_),
                422, "validation");  // above 100 - 30
  ExpectProblem(Post(t + "/evaluate", nullptr, officer_), 409, "invalid_state");  // no scores yet
  for (const std::string& who : panel_) {
    HttpResult s = Post(t + "/scores", {{"scores", {{{"bid_id", bid_a}, {"technical_score", 60}},
                                                    {{"bid_id", bid_b}, {"technical_score", 63.33}},
                                                    {{"bid_id", bid_c}, {"technical_score", 55}}}}},
                        who);
    ASSERT_EQ(s.status, 200) << s.body;
  }
  ExpectProblem(Post(t + "/scores", {{"scores", {{{"bid_id", bid_a}, {"technical_score", 1}}}}}, a.token), 403,
                "forbidden");

  HttpResult evaluated = Post(t + "/evaluate", nullptr, officer_);
  ASSERT_EQ(evaluated.status, 200) << evaluated.body;
  json report = evaluated.json();
  EXPECT_EQ(report["status"], "recommended");
  EXPECT_EQ(report["winner"], bid_b);  // the worked example: a tie at 90.00 broken for the domestic bid
  EXPECT_EQ(report["ranking"][0]["tie_break"], "domestic_preference");
  EXPECT_EQ(report["ranking"][0]["domestic"], true);
  EXPECT_EQ(report["ranking"][0]["domestic_claimed"], true);
  EXPECT_EQ(report["ranking"][1]["domestic_claimed"], false);
  EXPECT_EQ(report["ranking"][0]["price_score"].dump(), "26.67");
  EXPECT_EQ(report["ranking"][1]["bid_id"], bid_a);
  ASSERT_EQ(report["excluded"].size(), 1u);
  EXPECT_EQ(report["excluded"][0]["reasons"][0]["code"], "not_eligible");
  EXPECT_EQ(Get(t, officer_).json()["status"], "evaluated");
  HttpResult stored = Get(t + "/evaluation", auditor_);
  EXPECT_EQ(stored.body, evaluated.body);  // the stored report, byte for byte
  ExpectProblem(Get(t + "/evaluation", a.token), 403, "forbidden");  // bidders wait for the award

  ExpectProblem(Post(t + "/award", {{"bid_id", bid_a}}, officer_), 422, "validation");  // needs a justification
  HttpResult awarded = Post(t + "/award", nullptr, officer_);
  ASSERT_EQ(awarded.status, 200) << awarded.body;
  EXPECT_EQ(awarded.json()["status"], "awarded");
  EXPECT_EQ(awarded.json()["awarded_bid_id"], bid_b);
  EXPECT_EQ(Get(t + "/evaluation", a.token).body, evaluated.body);
  EXPECT_EQ(Get(t + "/evaluation", d.token).status, 200);  // every bidder, once awarded
  Vendor outsider = MakeVendor(5);
  ExpectProblem(Get(t + "/evaluation", outsider.token), 403, "forbidden");
  ExpectProblem(Post(t + "/cancel", {{"reason", "too late"}}, officer_), 409, "invalid_state");
  json log = Get("/v1/audit?entity_type=tender&entity_id=" + id, auditor_).json()["items"];
  std::vector<std::string> actions;
  for (const auto& e : log) actions.push_back(e["action"]);
  EXPECT_EQ(actions, (std::vector<std::string>{"tender.create", "tender.publish", "tender.open", "tender.evaluate",
                                               "tender.award"}));
  json clean = Get("/v1/audit/verify", auditor_).json();
  EXPECT_EQ(clean["ok"], true) << clean.dump();  // every tender and bid row matches its last entry

  // The tender's timeline (the console issue): its own entries, its bids' and scores' and its
  // committee's, each with the actor's name and a sentence in Chinese.
  json timeline = Get("/v1/audit?tender_id=" + id + "&limit=500", auditor_).json()["items"];
  std::set<std::string> kinds;
  for (const auto& e : timeline) {
    kinds.insert(e["action"].get<std::string>());
    EXPECT_TRUE(e["entity_type"] == "tender" || e["entity_type"] == "bid" || e["entity_type"] == "committee") << e.dump();
    EXPECT_EQ(e["summary"].get<std::string>().find("执行了"), std::string::npos) << "no phrase for " << e["action"];
    EXPECT_NE(e["summary"].get<std::string>().find("。"), std::string::npos) << e.dump();
  }
  EXPECT_EQ(kinds, (std::set<std::string>{"tender.create", "tender.publish", "tender.open", "tender.evaluate", "tender.award",
                                          "bid.submit", "bid.replace", "bid.review", "score.submit", "committee.draw"}));
  json all = Get("/v1/audit?limit=500", auditor_).json()["items"];
  for (const auto& e : all) {
    EXPECT_EQ(e["summary"].get<std::string>().find("执行了"), std::string::npos) << "no phrase for " << e["action"];
  }
  EXPECT_TRUE(Get("/v1/audit?tender_id=tnd_nosuch", auditor_).json()["items"].empty());

  // The award moved to another bid in SQL (the trust issue): verify names the tender; a bid's
  // price changed in SQL: verify names the bid.
  auto db = tdb_->Open(1);
  ASSERT_NE(db, nullptr);
  auto sql = [&](const std::string& stmt, const std::vector<storage::Value>& params) {
    ASSERT_TRUE(db->Transact(storage::Database::Mode::kWrite, [&](storage::Tx& tx) {
      return tx.Exec(stmt, params).status();
    }).ok()) << stmt;
  };
  sql("UPDATE tenders SET awarded_bid_id = ? WHERE id = ?", {bid_a, id});
  sql("UPDATE bids SET price = price - 100 WHERE id = ?", {bid_a});
  json tampered = Get("/v1/audit/verify", auditor_).json();
  EXPECT_EQ(tampered["ok"], false);
  EXPECT_TRUE(tampered["first_bad_seq"].is_null());
  std::set<std::string> named;
  for (const auto& m : tampered["mismatched"]) named.insert(m["entity_type"].get<std::string>() + ":" + m["entity_id"].get<std::string>());
  EXPECT_EQ(named, (std::set<std::string>{"tender:" + id, "bid:" + bid_a})) << tampered.dump();
}

// Withdrawal (Order 87 Art. 34; contract "Tenders as the law runs them, I"): before the deadline
// a vendor withdraws its live bid, which then counts for nothing — not opened, reviewed, scored,
// evaluated, nor a bidder's right to read the result — and may bid again; after it, 409
// bidding_closed. The withdrawal is sealed in the log like the bid, and reconciled like it.
TEST_P(TenderE2eTest, AWithdrawnBidCountsForNothingAndTheWindowClosesAtTheDeadline) {
  Vendor a = MakeVendor(1), b = MakeVendor(2), c = MakeVendor(3), d = MakeVendor(4), e = MakeVendor(5);
  HttpResult created = Post("/v1/tenders",
                            {{"title", "撤回测试项目"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000000.00"},
                             {"method", "lowest_price"}, {"bid_deadline", "2026-12-05T02:00:00Z"}},
                            officer_);
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = created.json()["id"];
  std::string t = "/v1/tenders/" + id;
  ExpectProblem(Post(t + "/bids/withdraw", nullptr, a.token), 404, "not_found");  // a draft is unseen
  ASSERT_EQ(Post(t + "/publish", nullptr, officer_).status, 200);
  // a's price is the lowest: if its withdrawn bid counted anywhere, it would win.
  ASSERT_EQ(Post(t + "/bids", {{"price", "500000.00"}, {"domestic", false}}, a.token).status, 201);
  ASSERT_EQ(Post(t + "/bids", {{"price", "800000.00"}, {"domestic", false}}, b.token).status, 201);
  ASSERT_EQ(Post(t + "/bids", {{"price", "850000.00"}, {"domestic", false}}, c.token).status, 201);
  ASSERT_EQ(Post(t + "/bids", {{"price", "900000.00"}, {"domestic", false}}, d.token).status, 201);

  // Refusals: not a vendor; a vendor without a bid; a body with fields.
  ExpectProblem(Post(t + "/bids/withdraw", nullptr, officer_), 403, "forbidden");
  ExpectProblem(Post(t + "/bids/withdraw", nullptr, kAdmin), 403, "forbidden");
  ExpectProblem(Post(t + "/bids/withdraw", nullptr, e.token), 404, "not_found");
  ExpectProblem(Post(t + "/bids/withdraw", {{"bid_id", "x"}}, a.token), 422, "validation");
  ExpectProblem(Post("/v1/tenders/tnd_nosuch/bids/withdraw", nullptr, a.token), 404, "not_found");
  EXPECT_EQ(Get(t + "/bids", a.token).json()["items"][0]["status"], "submitted");  // nothing changed

  HttpResult withdrawn = Post(t + "/bids/withdraw", nullptr, a.token);
  ASSERT_EQ(withdrawn.status, 200) << withdrawn.body;
  EXPECT_EQ(withdrawn.json()["status"], "withdrawn");
  EXPECT_EQ(withdrawn.json()["withdrawn_at"], "2026-12-01T02:00:00Z");
  EXPECT_EQ(withdrawn.json()["vendor_id"], a.id);
  std::string bid_a = withdrawn.json()["id"];
  json own = Get(t + "/bids", a.token).json()["items"];  // its vendor still reads it
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0]["status"], "withdrawn");
  ExpectProblem(Post(t + "/bids/withdraw", nullptr, a.token), 404, "not_found");  // nothing live left

  // d withdraws and bids again before the deadline: a new submission, live, the same bid id.
  std::string bid_d = BidId(id, d);
  ASSERT_EQ(Post(t + "/bids/withdraw", nullptr, d.token).status, 200);
  HttpResult again = Post(t + "/bids", {{"price", "880000.00"}, {"domestic", false}}, d.token);
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json()["status"], "submitted");
  EXPECT_EQ(again.json()["replaced"], false);
  EXPECT_EQ(again.json()["id"], bid_d);
  json d_own = Get(t + "/bids", d.token).json()["items"][0];
  EXPECT_EQ(d_own["status"], "submitted");
  EXPECT_TRUE(d_own["withdrawn_at"].is_null());
  EXPECT_EQ(d_own["price"], "880000.00");

  // Sealed: the withdrawals are in the log, redacted like the bids they withdraw.
  json sealed = Get("/v1/audit?entity_type=bid&limit=500", auditor_).json()["items"];
  EXPECT_EQ(sealed.size(), 7u);  // four submissions, two withdrawals, one new submission
  for (const auto& x : sealed) {
    EXPECT_EQ(x["redacted"], true) << x.dump();
    EXPECT_EQ(x.dump().find(a.id), std::string::npos);
  }
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);

  // The deadline passes: no withdrawal, no new bid.
  SetClock("2026-12-05T02:00:01Z");
  ExpectProblem(Post(t + "/bids/withdraw", nullptr, b.token), 409, "bidding_closed");
  ExpectProblem(Post(t + "/bids", {{"price", "400000.00"}, {"domestic", false}}, a.token), 409, "bidding_closed");
  EXPECT_EQ(Get(t + "/bids", b.token).json()["items"][0]["status"], "submitted");

  HttpResult opened = Post(t + "/open", nullptr, officer_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  ExpectProblem(Post(t + "/bids/withdraw", nullptr, b.token), 409, "bidding_closed");  // opened
  json bids = Get(t + "/bids", officer_).json()["items"];
  ASSERT_EQ(bids.size(), 3u) << bids.dump();  // a's withdrawn bid is not opened
  for (const auto& x : bids) {
    EXPECT_NE(x["id"], bid_a);
    EXPECT_EQ(x["status"], "submitted");
  }
  json open_entry = Get("/v1/audit?entity_type=tender&entity_id=" + id + "&limit=500", auditor_).json()["items"].back();
  EXPECT_EQ(open_entry["action"], "tender.open");
  EXPECT_EQ(open_entry["details"]["bids"], "3");
  // Opened: the withdrawal names its bid, with a sentence in Chinese.
  bool said = false;
  json timeline = Get("/v1/audit?tender_id=" + id + "&limit=500", auditor_).json();  // kept: the loop reads into it
  for (const auto& x : timeline["items"]) {
    if (x["action"] == "bid.withdraw" && x["entity_id"] == bid_a) {
      said = true;
      EXPECT_NE(x["summary"].get<std::string>().find("撤回了"), std::string::npos) << x.dump();
    }
  }
  EXPECT_TRUE(said) << timeline.dump();
  ASSERT_EQ(Post(t + "/committee", nullptr, officer_).status, 201);
  ExpectProblem(Post(t + "/scores", {{"scores", {{{"bid_id", bid_a}, {"technical_score", 50}}}}}, expert_), 422,
                "validation");

  HttpResult evaluated = Post(t + "/evaluate", nullptr, officer_);
  ASSERT_EQ(evaluated.status, 200) << evaluated.body;
  json report = evaluated.json();
  EXPECT_EQ(report["status"], "recommended");
  ASSERT_EQ(report["ranking"].size(), 3u);
  EXPECT_EQ(report["ranking"][0]["bid_id"], BidId(id, b));
  EXPECT_EQ(evaluated.body.find(bid_a), std::string::npos) << "the withdrawn bid reached the evaluation";
  ASSERT_EQ(Post(t + "/award", nullptr, officer_).status, 200);
  EXPECT_EQ(Get(t + "/evaluation", b.token).status, 200);
  ExpectProblem(Get(t + "/evaluation", a.token), 403, "forbidden");  // withdrew: not a bidder
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);

  // Reconciled: a withdrawal undone in SQL is caught.
  auto db = tdb_->Open(1);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->Transact(storage::Database::Mode::kWrite, [&](storage::Tx& tx) {
    return tx.Exec("UPDATE bids SET status = 'submitted', withdrawn_at = NULL WHERE id = ?", {bid_a}).status();
  }).ok());
  json tampered = Get("/v1/audit/verify", auditor_).json();
  EXPECT_EQ(tampered["ok"], false);
  ASSERT_EQ(tampered["mismatched"].size(), 1u) << tampered.dump();
  EXPECT_EQ(tampered["mismatched"][0]["entity_id"], bid_a);
}

TEST_P(TenderE2eTest, AwardRechecksMarketAccessOnTheAwardDate) {
  Vendor a = MakeVendor(1), b = MakeVendor(2), c = MakeVendor(3);
  std::string id = CreateTender();
  std::string t = "/v1/tenders/" + id;
  Post(t + "/publish", nullptr, officer_);
  Post(t + "/bids", {{"price", "800000.00"}, {"domestic", false}}, a.token);
  Post(t + "/bids", {{"price", "900000.00"}, {"domestic", true}, {"items", {DomesticItem(b)}}}, b.token);
  Post(t + "/bids", {{"price", "1000000.00"}, {"domestic", true}, {"items", {DomesticItem(c)}}}, c.token);
  SetClock("2026-12-06T02:00:00Z");
  ASSERT_EQ(Post(t + "/open", nullptr, officer_).status, 200);
  std::string bid_a = BidId(id, a), bid_b = BidId(id, b), bid_c = BidId(id, c);
  DrawAndScore(t, {{"scores", {{{"bid_id", bid_a}, {"technical_score", 60}},
                                   {{"bid_id", bid_b}, {"technical_score", 63.33}},
                                   {{"bid_id", bid_c}, {"technical_score", 55}}}}});
  ASSERT_EQ(Post(t + "/evaluate", nullptr, officer_).json()["winner"], bid_b);
  // After the opening, the bureau suspends B's qualification.
  json quals = Get("/v1/vendors/" + b.id + "/qualifications", kAdmin).json()["items"];
  ASSERT_EQ(Post("/v1/qualifications/" + quals[0]["id"].get<std::string>() + "/suspend", {{"reason", "年检未通过"}}, kAdmin).status, 200);
  HttpResult refused = Post(t + "/award", nullptr, officer_);
  ExpectProblem(refused, 409, "conflict");
  EXPECT_EQ(refused.json()["errors"][0]["code"], "qualification_suspended") << refused.body;
  ExpectProblem(Post(t + "/award", {{"bid_id", bid_a}}, officer_), 422, "validation");
  HttpResult next = Post(t + "/award", {{"bid_id", bid_a}, {"justification", "第一名资质被暂停，依次授予第二名"}}, officer_);
  ASSERT_EQ(next.status, 200) << next.body;
  EXPECT_EQ(next.json()["awarded_bid_id"], bid_a);
  std::string log = Get("/v1/audit?entity_type=tender&entity_id=" + id, auditor_).body;
  EXPECT_NE(log.find("第一名资质被暂停"), std::string::npos);  // the justification is on record
}

TEST_P(TenderE2eTest, TooFewValidBidsFailsAndTendersCanBeCancelled) {
  Vendor a = MakeVendor(1), b = MakeVendor(2), d = MakeVendor(4, false);
  std::string id = CreateTender();
  std::string t = "/v1/tenders/" + id;
  Post(t + "/publish", nullptr, officer_);
  Post(t + "/bids", {{"price", "800000.00"}, {"domestic", false}}, a.token);
  Post(t + "/bids", {{"price", "1200000.00"}, {"domestic", true}}, b.token);  // over budget
  Post(t + "/bids", {{"price", "700000.00"}, {"domestic", true}}, d.token);   // not listed
  SetClock("2026-12-06T02:00:00Z");
  ASSERT_EQ(Post(t + "/open", nullptr, officer_).status, 200);
  DrawAndScore(t, {{"scores", {{{"bid_id", BidId(id, a)}, {"technical_score", 60}},
                                   {{"bid_id", BidId(id, b)}, {"technical_score", 60}}}}});
  json report = Post(t + "/evaluate", nullptr, officer_).json();
  EXPECT_EQ(report["status"], "failed");
  EXPECT_EQ(report["failure_reason"], "too_few_valid_bids");
  EXPECT_TRUE(report["winner"].is_null());
  EXPECT_EQ(report["excluded"].size(), 2u);
  EXPECT_EQ(Get(t, officer_).json()["status"], "failed");
  ExpectProblem(Post(t + "/award", nullptr, officer_), 409, "invalid_state");
  EXPECT_EQ(Post(t + "/cancel", {{"reason", "有效投标不足三家，重新招标"}}, officer_).json()["status"], "cancelled");

  SetClock("2026-12-01T02:00:00Z");
  std::string draft = CreateTender();
  ExpectProblem(Post("/v1/tenders/" + draft + "/cancel", {{"reason", "x"}}, a.token), 403, "forbidden");
  EXPECT_EQ(Post("/v1/tenders/" + draft + "/cancel", {{"reason", "预算调整"}}, officer_).json()["status"], "cancelled");
  ExpectProblem(Post("/v1/tenders/" + draft + "/cancel", {{"reason", "again"}}, officer_), 409, "invalid_state");
  ExpectProblem(Post("/v1/tenders/" + draft + "/publish", nullptr, officer_), 409, "invalid_state");

  // A tender cancelled before its opening never unseals: its bids stay unnamed in the audit log,
  // while the cancelled tender that had been opened shows its bidders.
  std::string closed = CreateTender();
  Post("/v1/tenders/" + closed + "/publish", nullptr, officer_);
  ASSERT_EQ(Post("/v1/tenders/" + closed + "/bids", {{"price", "800000.00"}, {"domestic", false}}, b.token).status, 201);
  ASSERT_EQ(Post("/v1/tenders/" + closed + "/cancel", {{"reason", "需求变更"}}, officer_).status, 200);
  json log = Get("/v1/audit?entity_type=bid&limit=500", auditor_).json()["items"];
  int named = 0, unnamed = 0;
  for (const auto& e : log) (e.value("redacted", false) ? unnamed : named) += 1;
  EXPECT_EQ(named, 3 + 3 + 2 * 5);  // the first tender: three bids, their reviews at opening, two scores by five members
  EXPECT_EQ(unnamed, 1);
}

TEST_P(TenderE2eTest, CreationValidatesAndDomesticComesFromVerifiedItems) {
  auto create = [&](json body) { return Post("/v1/tenders", body, officer_); };
  json base = {{"title", "服务器采购"}, {"category", "SERVERS_NETWORK"}, {"budget", "500000.00"}, {"method", "comprehensive"},
               {"price_weight", 30}, {"bid_deadline", "2026-12-05T02:00:00Z"}};
  json low = base;
  low["price_weight"] = 20;  // goods need at least 30
  ExpectProblem(create(low), 422, "validation");
  json past = base;
  past["bid_deadline"] = "2026-11-30T00:00:00Z";
  ExpectProblem(create(past), 422, "validation");
  json bad_date = base;
  bad_date["bid_deadline"] = "2026-02-30T00:00:00Z";
  ExpectProblem(create(bad_date), 422, "validation");
  ExpectProblem(Post("/v1/tenders", base, expert_), 403, "forbidden");
  HttpResult made = create(base);
  ASSERT_EQ(made.status, 201) << made.body;
  std::string t = "/v1/tenders/" + made.json()["id"].get<std::string>();
  Post(t + "/publish", nullptr, officer_);

  Vendor v = MakeVendor(1);
  HttpResult item = Post("/v1/catalog/items", {{"category", "SERVERS_NETWORK"}, {"name", "进口服务器"}, {"domestic", false},
                                               {"unit_price", "65000.00"}, {"unit", "台"}}, v.token);
  std::string item_id = item.json()["id"];
  Post("/v1/catalog/items/" + item_id + "/decision", {{"decision", "approve"}}, kAdmin);
  HttpResult bid = Post(t + "/bids", {{"price", "130000.00"}, {"domestic", true}, {"items", {item_id}}}, v.token);
  ASSERT_EQ(bid.status, 201) << bid.body;
  EXPECT_EQ(bid.json()["domestic"], false);  // the claim yields to the verified catalog item
  ExpectProblem(Post(t + "/bids", {{"price", "1.00"}, {"domestic", true}, {"items", {"itm_nope"}}}, v.token), 422, "validation");
  ExpectProblem(Post(t + "/bids", {{"price", 130000}, {"domestic", true}}, v.token), 422, "validation");

  // Market access for the tender's own requirements.
  json access = Get("/v1/vendors/" + v.id + "/market-access?tender=" + made.json()["id"].get<std::string>(), officer_).json();
  EXPECT_EQ(access["eligible"], false);  // SERVERS_NETWORK needs ISO 9001
  EXPECT_EQ(access["reasons"][0]["code"], "missing_qualification");
  ExpectProblem(Get("/v1/vendors/" + v.id + "/market-access?tender=tnd_nope", officer_), 404, "not_found");
  ExpectProblem(Get("/v1/vendors/" + v.id + "/market-access?tender=x&category=y", officer_), 422, "validation");
}

// One answer lists every problem: reading errors and rule errors together, a rule that needs a
// field that could not be read waiting for it (issue 18: a wrong budget type used to hide a
// past deadline, which hid a price weight below the minimum).
TEST_P(TenderE2eTest, EveryProblemOfATenderIsAnsweredAtOnce) {
  auto problems = [&](const json& body) {
    HttpResult r = Post("/v1/tenders", body, officer_);
    EXPECT_EQ(r.status, 422) << r.body;
    std::map<std::string, std::string> out;  // field -> code
    json doc = r.json();
    for (const auto& e : doc["errors"]) out[e["field"]] = e["code"];
    return out;
  };
  json base = {{"title", "服务器采购"}, {"category", "SERVERS_NETWORK"}, {"budget", "500000.00"}, {"method", "comprehensive"},
               {"price_weight", 30}, {"bid_deadline", "2026-12-05T02:00:00Z"}};
  json three = base;
  three["budget"] = 500000;                       // a number, not a money string
  three["bid_deadline"] = "2026-11-30T00:00:00Z";  // past
  three["price_weight"] = 20;                      // goods need at least 30
  EXPECT_EQ(problems(three), (std::map<std::string, std::string>{
                                 {"budget", "type"}, {"bid_deadline", "past"}, {"price_weight", "range"}}));
  // An unreadable deadline: the opening's rule (not before the deadline) waits for it; the
  // price weight's does not.
  json waits = base;
  waits["bid_deadline"] = "2026-02-30T00:00:00Z";
  waits["opening_at"] = "2026-12-01T00:00:00Z";
  waits["price_weight"] = 20;
  waits["title"] = "";
  auto got = problems(waits);
  EXPECT_EQ(got.count("opening_at"), 0u);
  EXPECT_EQ(got.count("bid_deadline"), 1u);
  EXPECT_EQ(got["price_weight"], "range");
  EXPECT_EQ(got.count("title"), 1u);
  // An unknown method: the price weight's range depends on it and waits; a below-limit policy
  // does not.
  json method = base;
  method["method"] = "best";
  method["price_weight"] = 20;
  method["min_valid_bids"] = 1;
  got = problems(method);
  EXPECT_EQ(got["method"], "enum");
  EXPECT_EQ(got.count("price_weight"), 0u);
  EXPECT_EQ(got["min_valid_bids"], "below_limit");
  // Another role gets the reading errors only: the rules are the officer's to learn.
  HttpResult expert = Post("/v1/tenders", three, expert_);
  EXPECT_EQ(expert.status, 422) << expert.body;
  EXPECT_EQ(expert.json()["errors"].size(), 1u) << expert.body;
  // Nothing was written.
  EXPECT_EQ(Get("/v1/tenders?status=draft", officer_).json()["items"].size(), 0u);

  // A bid: a price sent as a number and an item that is no catalog item, in one answer.
  std::string id = CreateTender();
  ASSERT_EQ(Post("/v1/tenders/" + id + "/publish", nullptr, officer_).status, 200);
  Vendor v = MakeVendor(3);
  HttpResult bid = Post("/v1/tenders/" + id + "/bids", {{"price", 90000}, {"domestic", true}, {"items", {"itm_nope"}}}, v.token);
  EXPECT_EQ(bid.status, 422) << bid.body;
  std::set<std::string> bid_errors;
  const json bid_doc = bid.json();
  for (const auto& e : bid_doc["errors"]) bid_errors.insert(e["field"].get<std::string>() + ":" + e["code"].get<std::string>());
  EXPECT_EQ(bid_errors.count("price:type"), 1u) << bid.body;
  EXPECT_EQ(bid_errors.count("items[0]:unknown"), 1u) << bid.body;
  EXPECT_EQ(Get("/v1/tenders/" + id + "/bids", v.token).json()["items"].size(), 0u);
}

TEST_P(TenderE2eTest, ABidderWhoLostAccessBeforeTheDeadlineIsExcluded) {
  Vendor a = MakeVendor(1), b = MakeVendor(2), c = MakeVendor(3), late = MakeVendor(6);
  std::string id = CreateTender();
  std::string t = "/v1/tenders/" + id;
  Post(t + "/publish", nullptr, officer_);
  for (const Vendor* v : {&a, &b, &c, &late}) {
    ASSERT_EQ(Post(t + "/bids", {{"price", "900000.00"}, {"domestic", true}}, v->token).status, 201);
  }
  // It had access when it bid; a debarment starting before the deadline takes it away.
  ASSERT_EQ(Get("/v1/vendors/" + late.id + "/market-access?tender=" + id, officer_).json()["eligible"], true);
  ASSERT_EQ(Post("/v1/vendors/" + late.id + "/sanctions",
                 {{"kind", "debarment"}, {"reason", "串通投标"}, {"starts_on", "2026-12-03"}, {"ends_on", "2027-12-02"}}, kAdmin).status,
            201);
  SetClock("2026-12-06T02:00:00Z");
  ASSERT_EQ(Post(t + "/open", nullptr, officer_).status, 200);
  json bids = Get(t + "/bids", auditor_).json()["items"];
  for (const auto& x : bids) {
    if (x["vendor_id"] != late.id) continue;
    EXPECT_EQ(x["review"]["eligible"], false);
    EXPECT_EQ(x["review"]["reasons"][0]["code"], "sanctioned");
  }
  // The review is recorded: lifting the sanction later does not rewrite it.
  json sanctions = Get("/v1/vendors/" + late.id + "/sanctions", kAdmin).json()["items"];
  ASSERT_EQ(Post("/v1/sanctions/" + sanctions[0]["id"].get<std::string>() + "/lift", {{"reason", "复议"}}, kAdmin).status, 200);
  json again = Get(t + "/bids", auditor_).json()["items"];
  for (const auto& x : again) {
    if (x["vendor_id"] == late.id) {
      EXPECT_EQ(x["review"]["eligible"], false);
    }
  }
}

// Issue 6, concurrency: many vendors bid in the deadline second while the clock passes it.
// Each is either accepted (201, and its bid is there at the opening) or refused
// (409 bidding_closed, and no bid of it exists), never both and never anything else.
// One vendor submitting many times at once (a double click, several tabs): every submission is
// accepted and they land one after another — one bid, whose version counts them all, with one
// audit entry each. On MariaDB under READ COMMITTED the racing first inserts meet the unique key
// and racing replacements the version check; both are re-run, never answered 409.
TEST_P(TenderE2eTest, OneVendorsConcurrentSubmissionsLandInTurn) {
  HttpResult r = Http(server_->port(), "POST", "/v1/vendors",
                      json({{"name", "连击投标人"}, {"credit_code", CreditCode(300)}, {"enterprise_size", "small"}}).dump());
  ASSERT_EQ(r.status, 201) << r.body;
  Vendor v{r.json()["vendor"]["id"], r.json()["token"]};
  std::string id = CreateTender(3);
  std::string t = "/v1/tenders/" + id;
  ASSERT_EQ(Post(t + "/publish", nullptr, officer_).status, 200);
  const int n = 12;
  std::vector<HttpResult> results(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      results[i] = Post(t + "/bids", {{"price", std::to_string(600000 + i) + ".00"}, {"domestic", false}}, v.token);
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> ids;
  for (int i = 0; i < n; ++i) {
    ASSERT_EQ(results[i].status, 201) << "submission " << i << ": " << results[i].body;
    ids.insert(results[i].json()["id"].get<std::string>());
  }
  EXPECT_EQ(ids.size(), 1u) << "one vendor has one bid in a tender";
  json own = Get(t + "/bids", v.token).json()["items"];
  ASSERT_EQ(own.size(), 1u);
  EXPECT_EQ(own[0]["version"], n);
  json log = Get("/v1/audit?entity_type=bid&entity_id=" + own[0]["id"].get<std::string>(), kAdmin).json()["items"];
  EXPECT_EQ(log.size(), static_cast<size_t>(n));
}

TEST_P(TenderE2eTest, BidsAtTheDeadlineSecondAreAcceptedOnceOrRefused) {
  const int n = 16;
  std::vector<Vendor> vendors;
  for (int i = 0; i < n; ++i) {
    HttpResult r = Http(server_->port(), "POST", "/v1/vendors",
                        json({{"name", "截止投标人" + std::to_string(i)}, {"credit_code", CreditCode(100 + i)},
                              {"enterprise_size", "small"}})
                            .dump());
    ASSERT_EQ(r.status, 201) << r.body;
    vendors.push_back({r.json()["vendor"]["id"], r.json()["token"]});
  }
  std::string id = CreateTender(3);
  std::string t = "/v1/tenders/" + id;
  ASSERT_EQ(Post(t + "/publish", nullptr, officer_).status, 200);
  SetClock("2026-12-05T02:00:00Z");  // the deadline itself: still open
  std::vector<int> status(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      if (i == n / 2) SetClock("2026-12-05T02:00:01Z");  // the deadline passes mid-way
      status[i] = Post(t + "/bids", {{"price", std::to_string(500000 + i) + ".00"}, {"domestic", i % 2 == 0}},
                       vendors[i].token)
                      .status;
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> accepted;
  for (int i = 0; i < n; ++i) {
    ASSERT_TRUE(status[i] == 201 || status[i] == 409) << "vendor " << i << ": " << status[i];
    if (status[i] == 201) accepted.insert(vendors[i].id);
  }
  SetClock("2026-12-06T02:00:00Z");
  HttpResult opened = Post(t + "/open", nullptr, officer_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  json bids = Get(t + "/bids", officer_).json()["items"];
  std::multiset<std::string> bidders;
  for (const auto& b : bids) bidders.insert(b["vendor_id"].get<std::string>());
  EXPECT_EQ(bidders.size(), accepted.size());
  for (const auto& v : accepted) EXPECT_EQ(bidders.count(v), 1u) << v;
  for (int i = 0; i < n; ++i) {
    if (status[i] == 409) {
      EXPECT_EQ(bidders.count(vendors[i].id), 0u) << "refused vendor " << i << " has a bid";
    }
  }
}

// Trust issue, item 4: a tender belongs to its officers. Another officer reads it and changes
// nothing until the owner or the bureau adds them; drafts are invisible to vendors and experts.
TEST_P(TenderE2eTest, TendersBelongToTheirOfficersAndDraftsAreUnseen) {
  Vendor a = MakeVendor(31);
  const std::string other = Account("采购处 赵六", "officer"), third = Account("采购处 孙七", "officer");
  const std::string other_id = Get("/v1/me", other).json()["id"], third_id = Get("/v1/me", third).json()["id"];
  const std::string owner_id = Get("/v1/me", officer_).json()["id"];
  std::string id = CreateTender();
  std::string t = "/v1/tenders/" + id;
  EXPECT_EQ(Get(t, officer_).json()["owner_id"], owner_id);
  EXPECT_EQ(Get(t, other).status, 200);  // any officer reads it
  EXPECT_EQ(Get(t, auditor_).status, 200);
  EXPECT_EQ(Get(t, kAdmin).status, 200);
  ExpectProblem(Get(t, expert_), 404, "not_found");
  ExpectProblem(Get(t, a.token), 404, "not_found");
  auto listed_ids = [&](const std::string& token, const std::string& query) {
    std::set<std::string> ids;
    json page = Get("/v1/tenders" + query, token).json();
    for (const auto& x : page["items"]) ids.insert(x["id"].get<std::string>());
    return ids;
  };
  EXPECT_EQ(listed_ids(a.token, "").count(id), 0u);
  EXPECT_EQ(listed_ids(a.token, "?status=draft").count(id), 0u);
  EXPECT_EQ(listed_ids(expert_, "").count(id), 0u);
  EXPECT_EQ(listed_ids(other, "?status=draft").count(id), 1u);

  // Another officer changes nothing...
  ExpectProblem(Post(t + "/publish", nullptr, other), 403, "forbidden");
  ExpectProblem(Post(t + "/cancel", {{"reason", "越权"}}, other), 403, "forbidden");
  EXPECT_EQ(Get(t, officer_).json()["status"], "draft");
  // ...nor adds itself; adding needs an active officer's account, once.
  ExpectProblem(Post(t + "/officers", {{"account_id", other_id}}, other), 403, "forbidden");
  ExpectProblem(Post(t + "/officers", {{"account_id", other_id}}, a.token), 403, "forbidden");
  HttpResult not_officer = Post(t + "/officers", {{"account_id", Get("/v1/me", expert_).json()["id"]}}, officer_);
  EXPECT_EQ(not_officer.status, 422) << not_officer.body;
  EXPECT_EQ(not_officer.json()["errors"][0]["field"], "account_id");
  HttpResult added = Post(t + "/officers", {{"account_id", other_id}}, officer_);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.json()["officers"], json::array({other_id}));
  ExpectProblem(Post(t + "/officers", {{"account_id", other_id}}, officer_), 409, "conflict");
  ExpectProblem(Post(t + "/officers", {{"account_id", owner_id}}, officer_), 409, "conflict");
  // The bureau adds one too; an added officer may act, the third still may not.
  EXPECT_EQ(Post(t + "/officers", {{"account_id", third_id}}, kAdmin).status, 201);
  EXPECT_EQ(Post(t + "/publish", nullptr, other).json()["status"], "open");
  EXPECT_EQ(Get(t, a.token).status, 200);  // published: visible to all
  const std::string fourth = Account("采购处 周八", "officer");
  ExpectProblem(Post(t + "/cancel", {{"reason", "越权"}}, fourth), 403, "forbidden");
  EXPECT_EQ(Post(t + "/cancel", {{"reason", "预算调整"}}, third).json()["status"], "cancelled");
  ExpectProblem(Post(t + "/officers", {{"account_id", Get("/v1/me", fourth).json()["id"]}}, officer_), 409, "invalid_state");
  // Each addition is in the audit log.
  json entries = Get("/v1/audit?entity_type=tender&entity_id=" + id, kAdmin).json()["items"];
  int adds = 0;
  for (const auto& e : entries) adds += e["action"] == "tender.officer_add";
  EXPECT_EQ(adds, 2);
}

// Trust issue, item 4: the bureau's legal bounds on tender terms, and requirements that only
// tighten the category's. /simulate is not bound by them.
TEST_P(TenderE2eTest, PolicyLimitsBoundTenderTermsAndRequirementsOnlyTighten) {
  HttpResult limits = Get("/v1/policy-limits", officer_);
  ASSERT_EQ(limits.status, 200) << limits.body;
  EXPECT_EQ(limits.json()["min_valid_bids_min"], 3);
  EXPECT_EQ(limits.json()["domestic_price_deduction_pct_max"], 20);
  EXPECT_EQ(limits.json()["sme_price_deduction_pct_max"], 20);
  json base = {{"title", "限额测试项目"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000000.00"},
               {"method", "comprehensive"}, {"price_weight", 30}, {"bid_deadline", "2026-12-05T02:00:00Z"}};
  auto create = [&](json changes) {
    json body = base;
    body.merge_patch(changes);
    return Post("/v1/tenders", body, officer_);
  };
  auto first_error = [](const HttpResult& r) { return r.json()["errors"][0]; };
  HttpResult one_bid = create({{"min_valid_bids", 1}});
  EXPECT_EQ(one_bid.status, 422) << one_bid.body;
  EXPECT_EQ(first_error(one_bid)["field"], "min_valid_bids");
  EXPECT_EQ(first_error(one_bid)["code"], "below_limit");
  HttpResult deduction = create({{"policies", {{"domestic_price_deduction_pct", 99}}}});
  EXPECT_EQ(deduction.status, 422) << deduction.body;
  EXPECT_EQ(first_error(deduction)["field"], "policies.domestic_price_deduction_pct");
  HttpResult sme = create({{"policies", {{"sme_price_deduction_pct", 20.01}}}});
  EXPECT_EQ(first_error(sme)["field"], "policies.sme_price_deduction_pct");
  EXPECT_EQ(create({{"policies", {{"domestic_price_deduction_pct", 20}, {"sme_price_deduction_pct", 10}}}}).status, 201);

  // The bureau tightens the bounds; officers cannot; the law's floor of 3 bids holds.
  ExpectProblem(Call("PUT", "/v1/policy-limits", officer_,
                     {{"min_valid_bids_min", 3}, {"domestic_price_deduction_pct_max", 50}, {"sme_price_deduction_pct_max", 50}}),
                403, "forbidden");
  HttpResult floor = Call("PUT", "/v1/policy-limits", kAdmin,
                          {{"min_valid_bids_min", 2}, {"domestic_price_deduction_pct_max", 10}, {"sme_price_deduction_pct_max", 10}});
  EXPECT_EQ(floor.status, 422) << floor.body;
  EXPECT_EQ(first_error(floor)["field"], "min_valid_bids_min");
  HttpResult put = Http(server_->port(), "PUT", "/v1/policy-limits",
                        json({{"min_valid_bids_min", 5}, {"domestic_price_deduction_pct_max", 10}, {"sme_price_deduction_pct_max", 6}}).dump(),
                        {{"Authorization", std::string("Bearer ") + kAdmin}, {"If-Match", "\"1\""}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["version"], 2);
  HttpResult stale = Http(server_->port(), "PUT", "/v1/policy-limits",
                          json({{"min_valid_bids_min", 3}, {"domestic_price_deduction_pct_max", 20}, {"sme_price_deduction_pct_max", 20}}).dump(),
                          {{"Authorization", std::string("Bearer ") + kAdmin}, {"If-Match", "\"1\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  EXPECT_EQ(create({{"min_valid_bids", 4}}).status, 422);
  EXPECT_EQ(create({{"min_valid_bids", 5}, {"policies", {{"domestic_price_deduction_pct", 15}}}}).status, 422);
  EXPECT_EQ(create({{"min_valid_bids", 5}, {"policies", {{"domestic_price_deduction_pct", 10}}}}).status, 201);
  // /simulate computes what any terms would give.
  HttpResult sim = Post("/v1/evaluations/simulate",
                        {{"method", "lowest_price"}, {"budget", "1000.00"}, {"min_valid_bids", 1},
                         {"policies", {{"domestic_price_deduction_pct", 50}}},
                         {"bids", {{{"id", "A"}, {"price", "900.00"}, {"domestic", true}}}}},
                        officer_);
  EXPECT_EQ(sim.status, 200) << sim.body;

  // Requirements: the category asks CS >= CS3 and two RK_SI_PM. Dropping or lowering either is
  // refused; raising and adding are fine.
  json cs3 = {{"qualification", "CS"}, {"min_level", "CS3"}}, pm2 = {{"credential", "RK_SI_PM"}, {"min_count", 2}};
  auto with_reqs = [&](json reqs) { return create({{"min_valid_bids", 5}, {"requirements", reqs}}); };
  HttpResult dropped = with_reqs(json::array({cs3}));
  EXPECT_EQ(dropped.status, 422) << dropped.body;
  EXPECT_EQ(first_error(dropped)["code"], "loosened");
  EXPECT_EQ(with_reqs(json::array({{{"qualification", "CS"}, {"min_level", "CS2"}}, pm2})).status, 422);
  EXPECT_EQ(with_reqs(json::array({cs3, {{"credential", "RK_SI_PM"}, {"min_count", 1}}})).status, 422);
  EXPECT_EQ(with_reqs(json::array()).status, 422);
  EXPECT_EQ(with_reqs(json::array({{{"qualification", "CS"}, {"min_level", "CS4"}}, {{"credential", "RK_SI_PM"}, {"min_count", 3}},
                                   {{"qualification", "ISO9001"}}})).status,
            201);
}

// Trust issue, item 1: a score is the calling expert's own. One expert account can no longer
// overwrite another's score or invent experts, and officers do not score.
TEST_P(TenderE2eTest, ScoresAreTheCallingExpertsOwn) {
  Vendor a = MakeVendor(41), b = MakeVendor(42), c = MakeVendor(43);
  std::string id = CreateTender();
  std::string t = "/v1/tenders/" + id;
  Post(t + "/publish", nullptr, officer_);
  Post(t + "/bids", {{"price", "800000.00"}, {"domestic", false}}, a.token);
  Post(t + "/bids", {{"price", "900000.00"}, {"domestic", true}}, b.token);
  Post(t + "/bids", {{"price", "1000000.00"}, {"domestic", true}}, c.token);
  SetClock("2026-12-06T02:00:00Z");
  ASSERT_EQ(Post(t + "/open", nullptr, officer_).status, 200);
  const std::string bid_a = BidId(id, a), bid_b = BidId(id, b), bid_c = BidId(id, c);
  ASSERT_EQ(Post(t + "/committee", nullptr, officer_).status, 201);
  const std::string other = panel_[1];  // 专家 丁
  const std::string mine_id = Get("/v1/me", expert_).json()["id"], other_id = Get("/v1/me", other).json()["id"];
  auto all = [&](double x, double y, double z) {
    return json{{"scores", {{{"bid_id", bid_a}, {"technical_score", x}}, {{"bid_id", bid_b}, {"technical_score", y}},
                            {{"bid_id", bid_c}, {"technical_score", z}}}}};
  };
  ExpectProblem(Post(t + "/scores", all(60, 60, 60), officer_), 403, "forbidden");  // officers run it, never score
  ASSERT_EQ(Post(t + "/scores", all(62, 62, 62), other).status, 200);
  // In another expert's name: refused, and the other's 62 stays.
  HttpResult forged = Post(t + "/scores", {{"scores", {{{"bid_id", bid_a}, {"expert", other_id}, {"technical_score", 0}}}}}, expert_);
  EXPECT_EQ(forged.status, 422) << forged.body;
  EXPECT_EQ(forged.json()["errors"][0]["field"], "scores[0].expert");
  EXPECT_EQ(forged.json()["errors"][0]["code"], "not_caller");
  HttpResult invented = Post(t + "/scores", {{"scores", {{{"bid_id", bid_a}, {"expert", "专家 戊"}, {"technical_score", 70}}}}}, expert_);
  EXPECT_EQ(invented.status, 422);
  EXPECT_EQ(Post(t + "/scores", {{"scores", {{{"bid_id", bid_a}, {"technical_score", 50}}, {{"bid_id", bid_a}, {"technical_score", 51}}}}},
                 expert_).status,
            422);  // the same bid twice in one call
  // One's own id is accepted; a later score replaces one's own earlier one.
  ASSERT_EQ(Post(t + "/scores", {{"scores", {{{"bid_id", bid_a}, {"expert", mine_id}, {"technical_score", 40}}}}}, expert_).status, 200);
  ASSERT_EQ(Post(t + "/scores", all(68, 60, 55), expert_).status, 200);
  // The evaluation needs every member's score: three have not scored yet.
  ExpectProblem(Post(t + "/evaluate", nullptr, officer_), 409, "invalid_state");
  for (size_t m = 2; m < panel_.size(); ++m) ASSERT_EQ(Post(t + "/scores", all(65, 60, 55), panel_[m]).status, 200);

  HttpResult evaluated = Post(t + "/evaluate", nullptr, officer_);
  ASSERT_EQ(evaluated.status, 200) << evaluated.body;
  std::map<std::string, json> rows;
  const json report = evaluated.json();
  for (const auto& r : report["ranking"]) rows[r["bid_id"].get<std::string>()] = r;
  // Five members, so a's technical score is the mean of 62, 68, 65, 65 and 65: the forged 0 and
  // the invented 70 are nowhere.
  ASSERT_EQ(rows.count(bid_a), 1u) << evaluated.body;
  EXPECT_EQ(rows[bid_a]["technical_score"], 65);
  json experts = rows[bid_a]["expert_scores"];
  ASSERT_EQ(experts.size(), 5u) << rows[bid_a];
  std::map<std::string, json> by_id;
  for (const auto& e : experts) by_id[e["expert_id"].get<std::string>()] = e;
  EXPECT_EQ(by_id[other_id]["technical_score"], 62);
  EXPECT_EQ(by_id[other_id]["expert_name"], "专家 丁");
  EXPECT_EQ(by_id[mine_id]["technical_score"], 68);
  EXPECT_EQ(by_id[mine_id]["expert_name"], "专家 甲");
  // The stored report is the one returned, expert rows included.
  EXPECT_EQ(Get(t + "/evaluation", auditor_).json(), evaluated.json());
}

INSTANTIATE_TEST_SUITE_P(Backends, TenderE2eTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
