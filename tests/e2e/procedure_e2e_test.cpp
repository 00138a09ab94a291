// The procedure before the opening end to end on both backends (issue 19; CONTRACT.md "Tenders
// as the law runs them, I"): clarifications that move the deadline, questions answered without
// naming the asker, bids sealed by their bidders (no price in the database before the reveal,
// mismatches refused, the window closing, the same evaluation as a server-sealed twin), and the
// evaluation committee drawn reproducibly with 回避.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "common/crypto.h"
#include "e2e/tender_fixture.h"

namespace {

using namespace tender_fixture;

class ProcedureE2eTest : public TenderFixture {
 protected:
  // A tender on SYSTEM_INTEGRATION with `policies`, published; deadline 2026-12-05T02:00Z.
  std::string Published(const json& policies, const std::string& method = "comprehensive") {
    json body = {{"title", "政务外网安全运维项目"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000000.00"},
                 {"method", method},           {"bid_deadline", "2026-12-05T02:00:00Z"}, {"policies", policies}};
    if (method == "comprehensive") body["price_weight"] = 30;
    HttpResult r = Post("/v1/tenders", body, officer_);
    EXPECT_EQ(r.status, 201) << r.body;
    std::string id = r.json().value("id", "");
    EXPECT_EQ(Post("/v1/tenders/" + id + "/publish", nullptr, officer_).status, 200);
    return id;
  }
  static std::string Commit(const std::string& tender, const std::string& vendor, const std::string& price,
                            const std::string& nonce) {
    return common::Sha256Hex(tender + "|" + vendor + "|" + price + "|" + nonce);
  }
  // Every cell of every table, as text: what a database administrator could read.
  std::string DumpDatabase() {
    auto db = tdb_->Open(1);
    return testing_support::DumpTables(*db);
  }
  std::string AccountId(const std::string& token) { return Get("/v1/me", token).json().value("id", ""); }
  // The audit entries of `action` on the tender `tender_id` (its own, its bids', clarifications',
  // questions' and committee's), oldest first.
  std::vector<json> AuditOf(const std::string& action, const std::string& tender_id) {
    std::vector<json> out;
    HttpResult page = Get("/v1/audit?limit=500&tender_id=" + tender_id, auditor_);
    EXPECT_EQ(page.status, 200) << page.body;
    const json items = page.json()["items"];  // kept: the loop reads into it
    for (const auto& e : items) {
      if (e["action"] == action) out.push_back(e);
    }
    return out;
  }
};

TEST_P(ProcedureE2eTest, ClarificationsMoveTheDeadlineAndAnswerWithoutNamingTheAsker) {
  Vendor a = MakeVendor(1), b = MakeVendor(2);
  std::string draft = CreateTender();
  ExpectProblem(Post("/v1/tenders/" + draft + "/clarifications", {{"text", "草稿不澄清"}}, officer_), 409, "invalid_state");
  ExpectProblem(Post("/v1/tenders/" + draft + "/questions", {{"text", "草稿?"}}, a.token), 404, "not_found");
  std::string t = "/v1/tenders/" + draft;
  ASSERT_EQ(Post(t + "/publish", nullptr, officer_).status, 200);

  // A vendor asks; the officer of the tender reads it with its asker, other vendors do not see it.
  HttpResult asked = Post(t + "/questions", {{"text", "是否接受联合体投标？"}}, a.token);
  ASSERT_EQ(asked.status, 201) << asked.body;
  const std::string qid = asked.json()["id"];
  ExpectProblem(Post(t + "/questions", {{"text", ""}}, a.token), 422, "validation");
  ExpectProblem(Post(t + "/questions", {{"text", "官员不提问"}}, officer_), 403, "forbidden");
  json seen = Get(t + "/questions", officer_).json()["items"];
  ASSERT_EQ(seen.size(), 1u);
  EXPECT_EQ(seen[0]["vendor_id"], a.id);
  EXPECT_EQ(Get(t + "/questions", b.token).json()["items"].size(), 0u);
  EXPECT_EQ(Get(t + "/questions", a.token).json()["items"].size(), 1u);
  ExpectProblem(Get(t + "/questions", expert_), 403, "forbidden");
  // Before the opening the audit log does not name the asker either.
  std::vector<json> ask_entries = AuditOf("question.ask", draft);
  ASSERT_EQ(ask_entries.size(), 1u);
  EXPECT_EQ(ask_entries[0]["redacted"], true);
  EXPECT_NE(ask_entries[0]["summary"].get<std::string>().find("提出了问题"), std::string::npos) << ask_entries[0];
  EXPECT_EQ(ask_entries[0].dump().find(a.id), std::string::npos) << ask_entries[0];

  // Only the tender's own officers clarify.
  const std::string other_officer = Account("采购处 赵六", "officer");
  ExpectProblem(Post(t + "/clarifications", {{"text", "越权澄清"}}, other_officer), 403, "forbidden");
  ExpectProblem(Post(t + "/clarifications", {{"text", "供应商澄清"}}, a.token), 403, "forbidden");
  // Every problem at once, nothing written.
  HttpResult bad = Post(t + "/clarifications",
                        {{"text", "x"}, {"question_id", "qst_nosuch"},
                         {"changes", {{"budget", "0.00"}, {"bid_deadline", "2026-11-30T00:00:00Z"}}}},
                        officer_);
  ExpectProblem(bad, 422, "validation");
  std::set<std::string> fields;
  const json bad_errors = bad.json()["errors"];
  for (const auto& e : bad_errors) fields.insert(e["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"question_id", "changes.budget", "changes.bid_deadline"})) << bad.body;
  ExpectProblem(Post(t + "/clarifications", {{"text", "x"}, {"changes", {{"deadline", "2027-01-01T00:00:00Z"}}}}, officer_), 422,
                "validation");
  EXPECT_EQ(Get(t + "/clarifications", b.token).json()["items"].size(), 0u);

  // An answer that only explains moves nothing; readers see the question, never the asker.
  HttpResult answer = Post(t + "/clarifications", {{"text", "接受联合体投标，牵头人须具备 CS3。"}, {"question_id", qid}}, officer_);
  ASSERT_EQ(answer.status, 201) << answer.body;
  EXPECT_EQ(answer.json()["deadline_extended"], false);
  EXPECT_EQ(answer.json()["bid_deadline"], "2026-12-05T02:00:00Z");
  HttpResult published = Get(t + "/clarifications", b.token);
  ASSERT_EQ(published.json()["items"].size(), 1u);
  EXPECT_EQ(published.json()["items"][0]["question_text"], "是否接受联合体投标？");
  EXPECT_EQ(published.body.find(a.id), std::string::npos) << published.body;
  EXPECT_EQ(published.body.find("投标人1"), std::string::npos) << published.body;
  EXPECT_EQ(Get(t + "/questions", officer_).json()["items"][0]["answered_by"][0], answer.json()["id"]);

  // A change of terms four days before the deadline: the deadline moves to 15 days after it.
  HttpResult amended = Post(t + "/clarifications", {{"text", "预算调整为 120 万元。"}, {"changes", {{"budget", "1200000.00"}}}}, officer_);
  ASSERT_EQ(amended.status, 201) << amended.body;
  EXPECT_EQ(amended.json()["deadline_extended"], true);
  EXPECT_EQ(amended.json()["bid_deadline"], "2026-12-16T02:00:00Z");
  EXPECT_EQ(amended.json()["tender"]["bid_deadline"], "2026-12-16T02:00:00Z");
  EXPECT_EQ(amended.json()["changes"]["budget"], "1200000.00");
  json tender = Get(t, b.token).json();
  EXPECT_EQ(tender["bid_deadline"], "2026-12-16T02:00:00Z");
  EXPECT_EQ(tender["budget"], "1200000.00");
  EXPECT_EQ(tender["policies"]["amendment_notice_days"], 15);
  // A new deadline far enough away is kept as asked.
  HttpResult later = Post(t + "/clarifications", {{"text", "截止时间延至一月。"}, {"changes", {{"bid_deadline", "2027-01-10T02:00:00Z"}}}},
                          officer_);
  ASSERT_EQ(later.status, 201) << later.body;
  EXPECT_EQ(later.json()["deadline_extended"], false);
  EXPECT_EQ(Get(t, officer_).json()["bid_deadline"], "2027-01-10T02:00:00Z");
  EXPECT_EQ(Get(t + "/clarifications", auditor_).json()["items"].size(), 3u);

  // The notice is a policy: the bureau's default for new tenders, or the tender's own.
  HttpResult limits = Get("/v1/policy-limits", kAdmin);
  HttpResult put = Call("PUT", "/v1/policy-limits", kAdmin,
                        {{"min_valid_bids_min", 3}, {"domestic_price_deduction_pct_max", 20}, {"sme_price_deduction_pct_max", 20},
                         {"amendment_notice_days_default", 20}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["amendment_notice_days_default"], 20);
  EXPECT_EQ(Get("/v1/tenders/" + CreateTender(), officer_).json()["policies"]["amendment_notice_days"], 20);
  std::string own = Published({{"amendment_notice_days", 5}});
  // The category's requirements sent again: a change of terms all the same, checked as a new
  // tender's (they may only tighten the category's).
  json reqs = Get("/v1/tenders/" + own, officer_).json()["requirements"];
  ASSERT_FALSE(reqs.empty());
  HttpResult loosened = Post("/v1/tenders/" + own + "/clarifications", {{"text", "x"}, {"changes", {{"requirements", json::array()}}}},
                             officer_);
  ExpectProblem(loosened, 422, "validation");
  EXPECT_EQ(loosened.json()["errors"][0]["field"], "changes.requirements") << loosened.body;
  HttpResult five = Post("/v1/tenders/" + own + "/clarifications", {{"text", "资格要求重申"}, {"changes", {{"requirements", reqs}}}}, officer_);
  ASSERT_EQ(five.status, 201) << five.body;
  EXPECT_EQ(five.json()["bid_deadline"], "2026-12-06T02:00:00Z");  // 5 days after 2026-12-01T02:00Z
  EXPECT_EQ(five.json()["tender"]["requirements"], reqs);
  ExpectProblem(Post("/v1/tenders", {{"title", "x"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1.00"}, {"method", "lowest_price"},
                                     {"bid_deadline", "2026-12-05T02:00:00Z"}, {"policies", {{"amendment_notice_days", 0}}}},
                     officer_),
                422, "validation");

  // The log says what happened, in Chinese, and the chain holds the new records.
  std::vector<json> amend = AuditOf("tender.amend", draft);
  ASSERT_EQ(amend.size(), 2u);
  EXPECT_NE(amend[0]["summary"].get<std::string>().find("修改了采购项目的条款"), std::string::npos) << amend[0];
  EXPECT_EQ(amend[0]["details"]["deadline_extended"], "true");
  std::vector<json> published_entries = AuditOf("clarification.publish", draft);
  ASSERT_EQ(published_entries.size(), 3u);
  EXPECT_NE(published_entries[0]["summary"].get<std::string>().find("澄清或修改公告"), std::string::npos);
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);

  // After the deadline the terms are fixed and questions closed.
  SetClock("2027-01-10T02:00:01Z");
  ExpectProblem(Post(t + "/clarifications", {{"text", "太晚了"}}, officer_), 409, "invalid_state");
  ExpectProblem(Post(t + "/questions", {{"text", "太晚了？"}}, b.token), 409, "invalid_state");
  ASSERT_EQ(Post(t + "/open", nullptr, officer_).status, 200);
  ask_entries = AuditOf("question.ask", draft);  // opened: the asker is on record
  ASSERT_EQ(ask_entries.size(), 1u);
  EXPECT_EQ(ask_entries[0]["details"]["vendor_id"], a.id) << ask_entries[0];
}

TEST_P(ProcedureE2eTest, BidsSealedByTheirBiddersHoldNoPriceUntilTheRevealAndEvaluateAsServerSealed) {
  Vendor a = MakeVendor(1), b = MakeVendor(2), c = MakeVendor(3), e = MakeVendor(5);
  const std::string item_b = DomesticItem(b);
  const std::string id = Published({{"sealing", "commit_reveal"}, {"reveal_hours", 24}});
  const std::string t = "/v1/tenders/" + id;
  EXPECT_EQ(Get(t, a.token).json()["policies"]["sealing"], "commit_reveal");
  struct Sealed {
    const Vendor* v;
    std::string price, nonce;
    json extra;
  };
  const std::vector<Sealed> bids = {
      {&a, "812345.67", "00112233445566778899aabbccddeeff", {{"domestic", false}}},
      {&b, "912345.68", "ffeeddccbbaa99887766554433221100ffeeddccbbaa9988", {{"domestic", true}, {"items", {item_b}}}},
      {&c, "987654.32", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", {{"domestic", false}}},
      {&e, "765432.10", "abcdefabcdefabcdefabcdefabcdefab", {{"domestic", false}}}};

  // What a bid on this tender must and must not carry.
  HttpResult priced = Post(t + "/bids", {{"price", "812345.67"}, {"domestic", false}}, a.token);
  ExpectProblem(priced, 422, "validation");
  EXPECT_EQ(priced.json()["errors"][0]["field"], "commitment");
  EXPECT_EQ(priced.json()["errors"][0]["code"], "required");
  HttpResult both = Post(t + "/bids", {{"price", "1.00"}, {"commitment", std::string(64, 'a')}, {"domestic", false}}, a.token);
  ExpectProblem(both, 422, "validation");
  EXPECT_EQ(both.json()["errors"][0]["code"], "sealed_by_bidder");
  ExpectProblem(Post(t + "/bids", {{"commitment", "NOT-HEX"}, {"domestic", false}}, a.token), 422, "validation");
  const std::string server_sealed = CreateTender();
  ASSERT_EQ(Post("/v1/tenders/" + server_sealed + "/publish", nullptr, officer_).status, 200);
  HttpResult misplaced = Post("/v1/tenders/" + server_sealed + "/bids", {{"commitment", std::string(64, 'a')}, {"domestic", false}}, a.token);
  ExpectProblem(misplaced, 422, "validation");
  EXPECT_EQ(misplaced.json()["errors"][0]["code"], "not_commit_reveal");

  for (const Sealed& s : bids) {
    json body = s.extra;
    body["commitment"] = Commit(id, s.v->id, s.price, s.nonce);
    HttpResult r = Post(t + "/bids", body, s.v->token);
    ASSERT_EQ(r.status, 201) << r.body;
    EXPECT_EQ(r.json()["sealing"], "commit_reveal");
  }
  json own = Get(t + "/bids", a.token).json()["items"][0];
  EXPECT_TRUE(own["price"].is_null()) << own;
  EXPECT_EQ(own["commitment"], Commit(id, a.id, "812345.67", bids[0].nonce));

  // No price anywhere in the database: not in the bids, not in the audit log, not as fen.
  std::string dump = DumpDatabase();
  ASSERT_NE(dump.find(id), std::string::npos) << "the dump reads the tenders";
  for (const Sealed& s : bids) {
    std::string fen = s.price.substr(0, s.price.size() - 3) + s.price.substr(s.price.size() - 2);
    EXPECT_EQ(dump.find(s.price), std::string::npos) << s.price;
    EXPECT_EQ(dump.find(fen), std::string::npos) << fen;
  }

  ExpectProblem(Post(t + "/bids/reveal", {{"price", bids[0].price}, {"nonce", bids[0].nonce}}, a.token), 409, "invalid_state");
  SetClock("2026-12-06T02:00:00Z");
  HttpResult opened = Post(t + "/open", nullptr, officer_);
  ASSERT_EQ(opened.status, 200) << opened.body;
  EXPECT_EQ(opened.json()["reveal_closes_at"], "2026-12-07T02:00:00Z");
  json listed = Get(t + "/bids", officer_).json()["items"];
  for (const auto& x : listed) EXPECT_TRUE(x["price"].is_null()) << x;  // opened, and still unknown

  // Mismatches are refused and change nothing.
  HttpResult wrong_nonce = Post(t + "/bids/reveal", {{"price", bids[0].price}, {"nonce", bids[3].nonce}}, a.token);
  ExpectProblem(wrong_nonce, 422, "validation");
  EXPECT_EQ(wrong_nonce.json()["errors"][0]["code"], "commitment_mismatch");
  HttpResult wrong_price = Post(t + "/bids/reveal", {{"price", "812345.68"}, {"nonce", bids[0].nonce}}, a.token);
  EXPECT_EQ(wrong_price.json()["errors"][0]["code"], "commitment_mismatch") << wrong_price.body;
  ExpectProblem(Post(t + "/bids/reveal", {{"price", bids[0].price}, {"nonce", "short"}}, a.token), 422, "validation");
  ExpectProblem(Post(t + "/bids/reveal", {{"price", bids[0].price}, {"nonce", bids[0].nonce}}, officer_), 403, "forbidden");
  for (size_t i = 0; i < 3; ++i) {  // e never reveals
    HttpResult r = Post(t + "/bids/reveal", {{"price", bids[i].price}, {"nonce", bids[i].nonce}}, bids[i].v->token);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(r.json()["price"], bids[i].price);
    EXPECT_EQ(r.json()["nonce"], bids[i].nonce);
  }
  ExpectProblem(Post(t + "/bids/reveal", {{"price", bids[0].price}, {"nonce", bids[0].nonce}}, a.token), 409, "conflict");

  DrawAndScore(t, {{"scores", {{{"bid_id", BidId(id, a)}, {"technical_score", 60}},
                               {{"bid_id", BidId(id, b)}, {"technical_score", 63.33}},
                               {{"bid_id", BidId(id, c)}, {"technical_score", 55}}}}});
  // The window is open and e has not revealed: no evaluation yet.
  ExpectProblem(Post(t + "/evaluate", nullptr, officer_), 409, "invalid_state");
  // Only the owner closes the window early.
  ExpectProblem(Post(t + "/close-reveal", nullptr, Account("采购处 钱七", "officer")), 403, "forbidden");
  ExpectProblem(Post(t + "/close-reveal", nullptr, kAdmin), 403, "forbidden");
  HttpResult closed = Post(t + "/close-reveal", nullptr, officer_);
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.json()["reveal_closed_early_at"], "2026-12-06T02:00:00Z");
  ExpectProblem(Post(t + "/close-reveal", nullptr, officer_), 409, "invalid_state");
  ExpectProblem(Post(t + "/bids/reveal", {{"price", bids[3].price}, {"nonce", bids[3].nonce}}, e.token), 409, "invalid_state");

  HttpResult evaluated = Post(t + "/evaluate", nullptr, officer_);
  ASSERT_EQ(evaluated.status, 200) << evaluated.body;
  json report = evaluated.json();
  ASSERT_EQ(report["excluded"].size(), 1u) << report;
  EXPECT_EQ(report["excluded"][0]["bid_id"], BidId(id, e));
  EXPECT_EQ(report["excluded"][0]["reasons"][0]["code"], "not_revealed");

  // The same bids sealed by the server get the same evaluation.
  const std::string twin = "/v1/tenders/" + server_sealed;
  for (size_t i = 0; i < 3; ++i) {
    json body = bids[i].extra;
    body["price"] = bids[i].price;
    SetClock("2026-12-01T03:00:00Z");
    ASSERT_EQ(Post(twin + "/bids", body, bids[i].v->token).status, 201);
  }
  SetClock("2026-12-06T02:00:00Z");
  ASSERT_EQ(Post(twin + "/open", nullptr, officer_).status, 200);
  DrawAndScore(twin, {{"scores", {{{"bid_id", BidId(server_sealed, a)}, {"technical_score", 60}},
                                  {{"bid_id", BidId(server_sealed, b)}, {"technical_score", 63.33}},
                                  {{"bid_id", BidId(server_sealed, c)}, {"technical_score", 55}}}}});
  HttpResult twin_report = Post(twin + "/evaluate", nullptr, officer_);
  ASSERT_EQ(twin_report.status, 200) << twin_report.body;
  // Bid ids differ; name each ranked bid by its vendor instead, and compare everything else.
  auto by_vendor = [&](const std::string& tender, json r) {
    std::map<std::string, std::string> vendor_of;
    for (const Vendor* v : {&a, &b, &c}) vendor_of[BidId(tender, *v)] = v->id;
    for (auto& row : r["ranking"]) {
      row["bid_id"] = vendor_of[row["bid_id"]];
      for (auto& s : row["expert_scores"]) s.erase("expert_id");
    }
    if (r.contains("winner") && r["winner"].is_string()) r["winner"] = vendor_of[r["winner"]];
    r.erase("excluded");
    return r;
  };
  EXPECT_EQ(by_vendor(id, report), by_vendor(server_sealed, twin_report.json()));
  EXPECT_EQ(report["winner"], BidId(id, b)) << report;  // the domestic bid, as in the worked example

  // The reveal is on record with what it revealed, so anyone can recompute the commitment.
  std::vector<json> reveals = AuditOf("bid.reveal", id);
  ASSERT_EQ(reveals.size(), 3u);
  for (const auto& r : reveals) {
    EXPECT_EQ(Commit(id, r["details"]["vendor_id"], r["details"]["price"], r["details"]["nonce"]), r["details"]["commitment"]) << r;
    EXPECT_NE(r["summary"].get<std::string>().find("公开了投标报价"), std::string::npos);
  }
  EXPECT_EQ(AuditOf("tender.close_reveal", id).size(), 1u);
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);
}

TEST_P(ProcedureE2eTest, TheRevealWindowClosesByTheClock) {
  Vendor a = MakeVendor(1), b = MakeVendor(2), c = MakeVendor(3);
  const std::string id = Published({{"sealing", "commit_reveal"}, {"reveal_hours", 2}}, "lowest_price");
  const std::string t = "/v1/tenders/" + id;
  const std::string nonce(32, '7');
  for (const Vendor* v : {&a, &b, &c}) {
    ASSERT_EQ(Post(t + "/bids", {{"commitment", Commit(id, v->id, "500000.00", nonce)}, {"domestic", false}}, v->token).status, 201);
  }
  SetClock("2026-12-06T02:00:00Z");
  ASSERT_EQ(Post(t + "/open", nullptr, officer_).status, 200);
  ASSERT_EQ(Post(t + "/bids/reveal", {{"price", "500000.00"}, {"nonce", nonce}}, a.token).status, 200);
  SetClock("2026-12-06T04:00:00Z");  // two hours after the opening: closed
  ExpectProblem(Post(t + "/bids/reveal", {{"price", "500000.00"}, {"nonce", nonce}}, b.token), 409, "invalid_state");
  ExpectProblem(Post(t + "/close-reveal", nullptr, officer_), 409, "invalid_state");
  HttpResult evaluated = Post(t + "/evaluate", nullptr, officer_);
  ASSERT_EQ(evaluated.status, 200) << evaluated.body;
  EXPECT_EQ(evaluated.json()["status"], "failed");  // one valid bid of three
  ASSERT_EQ(evaluated.json()["excluded"].size(), 2u);
  const json excluded = evaluated.json()["excluded"];
  for (const auto& x : excluded) EXPECT_EQ(x["reasons"][0]["code"], "not_revealed");
}

TEST_P(ProcedureE2eTest, TheCommitteeIsDrawnOnceReproduciblyAndWithAvoidance) {
  Vendor a = MakeVendor(1), b = MakeVendor(2), c = MakeVendor(3);
  // Two more experts on the category: one tied to bidder a (回避), one disabled.
  const std::string tied = Account("专家 癸", "expert"), tied_id = AccountId(tied);
  const std::string gone = Account("专家 子", "expert"), gone_id = AccountId(gone);
  ASSERT_EQ(Call("PUT", "/v1/experts/" + tied_id, kAdmin,
                 {{"specialties", {"SYSTEM_INTEGRATION"}}, {"affiliations", {CreditCode(1)}}}).status,
            200);
  ASSERT_EQ(Call("PUT", "/v1/experts/" + gone_id, kAdmin, {{"specialties", {"SYSTEM_INTEGRATION"}}, {"affiliations", json::array()}}).status,
            200);
  ASSERT_EQ(Post("/v1/accounts/" + gone_id + "/disable", {{"reason", "退休"}}, kAdmin).status, 200);

  // The profile's refusals.
  HttpResult bad = Call("PUT", "/v1/experts/" + tied_id, kAdmin, {{"specialties", {"NO_SUCH_CATEGORY"}}, {"affiliations", {"123"}}});
  ExpectProblem(bad, 422, "validation");
  EXPECT_EQ(bad.json()["errors"].size(), 2u) << bad.body;
  ExpectProblem(Call("PUT", "/v1/experts/" + tied_id, a.token, {{"specialties", json::array()}, {"affiliations", json::array()}}), 403,
                "forbidden");
  ExpectProblem(Call("PUT", "/v1/experts/" + AccountId(officer_), kAdmin, {{"specialties", json::array()}, {"affiliations", json::array()}}),
                404, "not_found");
  HttpResult stale = Http(server_->port(), "PUT", "/v1/experts/" + tied_id,
                          json({{"specialties", {"SYSTEM_INTEGRATION"}}, {"affiliations", json::array()}}).dump(),
                          {{"Authorization", std::string("Bearer ") + kAdmin}, {"If-Match", "\"7\""}});
  EXPECT_EQ(stale.status, 412) << stale.body;
  json profile = Get("/v1/experts/" + tied_id, tied).json();
  EXPECT_EQ(profile["affiliations"][0], CreditCode(1));
  ExpectProblem(Get("/v1/experts/" + tied_id, expert_), 403, "forbidden");

  std::string id = CreateTender();
  std::string t = "/v1/tenders/" + id;
  ASSERT_EQ(Post(t + "/publish", nullptr, officer_).status, 200);
  for (const Vendor* v : {&a, &b, &c}) ASSERT_EQ(Post(t + "/bids", {{"price", "800000.00"}, {"domestic", false}}, v->token).status, 201);
  ExpectProblem(Post(t + "/committee", nullptr, officer_), 409, "invalid_state");  // before the opening
  SetClock("2026-12-06T02:00:00Z");
  ASSERT_EQ(Post(t + "/open", nullptr, officer_).status, 200);

  ExpectProblem(Post(t + "/committee", {{"size", 4}}, officer_), 422, "validation");
  ExpectProblem(Post(t + "/committee", nullptr, Account("采购处 孙八", "officer")), 403, "forbidden");
  // Five candidates (the panel: not the tied one, not the disabled one) are too few for seven.
  HttpResult seven = Post(t + "/committee", {{"size", 7}}, officer_);
  ExpectProblem(seven, 409, "conflict");
  ExpectProblem(Get(t + "/committee", officer_), 404, "not_found");
  HttpResult drawn = Post(t + "/committee", nullptr, officer_);
  ASSERT_EQ(drawn.status, 201) << drawn.body;
  json committee = drawn.json();
  EXPECT_EQ(committee["size"], 5);
  EXPECT_EQ(committee["candidates"], 5);
  std::set<std::string> members, panel;
  for (const auto& m : committee["members"]) members.insert(m["expert_id"].get<std::string>());
  for (const auto& token : panel_) panel.insert(AccountId(token));
  EXPECT_EQ(members, panel);
  // The seed is fixed by the bids: anyone with the bid digests recomputes it.
  std::vector<std::string> digests;
  HttpResult opened_bids = Get(t + "/bids", officer_);
  ASSERT_EQ(opened_bids.status, 200) << opened_bids.body;
  ASSERT_EQ(opened_bids.json()["items"].size(), 3u) << opened_bids.body;
  const json opened_items = opened_bids.json()["items"];  // kept: the loop reads into it
  for (const auto& x : opened_items) digests.push_back(x["digest"]);
  std::sort(digests.begin(), digests.end());
  std::string text = id + ":2026-12-05T02:00:00Z:";
  for (size_t i = 0; i < digests.size(); ++i) text += (i ? "," : "") + digests[i];
  EXPECT_EQ(committee["seed"], common::Sha256Hex(text)) << text;
  ExpectProblem(Post(t + "/committee", nullptr, officer_), 409, "conflict");  // drawn once
  std::vector<json> draws = AuditOf("committee.draw", id);
  ASSERT_EQ(draws.size(), 1u);
  EXPECT_EQ(draws[0]["details"]["seed"], committee["seed"]);
  EXPECT_EQ(draws[0]["details"]["candidates"], "5");
  EXPECT_NE(draws[0]["summary"].get<std::string>().find("随机抽取了评标委员会"), std::string::npos);

  // Who reads it, and who among experts reads the bids and scores.
  EXPECT_EQ(Get(t + "/committee", expert_).status, 200);
  EXPECT_EQ(Get(t + "/committee", auditor_).status, 200);
  ExpectProblem(Get(t + "/committee", tied), 403, "forbidden");
  ExpectProblem(Get(t + "/committee", a.token), 403, "forbidden");
  ExpectProblem(Get(t + "/bids", tied), 403, "forbidden");
  json scores = {{"scores", {{{"bid_id", BidId(id, a)}, {"technical_score", 60}},
                             {{"bid_id", BidId(id, b)}, {"technical_score", 61}},
                             {{"bid_id", BidId(id, c)}, {"technical_score", 62}}}}};
  ExpectProblem(Post(t + "/scores", scores, tied), 403, "forbidden");
  for (size_t m = 0; m + 1 < panel_.size(); ++m) ASSERT_EQ(Post(t + "/scores", scores, panel_[m]).status, 200);
  HttpResult early = Post(t + "/evaluate", nullptr, officer_);
  ExpectProblem(early, 409, "invalid_state");  // one member has not scored
  EXPECT_NE(early.json()["detail"].get<std::string>().find("专家 壬"), std::string::npos) << early.body;
  ASSERT_EQ(Post(t + "/scores", scores, panel_.back()).status, 200);
  ASSERT_EQ(Post(t + "/evaluate", nullptr, officer_).status, 200);
  ExpectProblem(Get(t + "/evaluation", tied), 403, "forbidden");
  EXPECT_EQ(Get(t + "/evaluation", expert_).status, 200);

  // The expert's own list of tenders it sits on.
  json mine = Get("/v1/experts/" + AccountId(expert_), expert_).json();
  ASSERT_EQ(mine["committees"].size(), 1u) << mine;
  EXPECT_EQ(mine["committees"][0]["tender_id"], id);
  EXPECT_EQ(Get("/v1/experts/" + tied_id, tied).json()["committees"].size(), 0u);
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);
}

INSTANTIATE_TEST_SUITE_P(Backends, ProcedureE2eTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
