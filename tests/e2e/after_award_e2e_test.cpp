// After the award end to end on both backends (issue 20; CONTRACT.md "Tenders as the law runs
// them, II"): the bureau's working-day calendar, the award notice and its challenge period to
// the second, challenges and their answers, complaints and their decisions, each remedy (a new
// evaluation keeping the earlier report; cancellation), the contract and what is due.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <set>

#include "e2e/tender_fixture.h"
#include "storage/database.h"

namespace {

using namespace tender_fixture;

class AfterAwardE2eTest : public TenderFixture {
 protected:
  struct Awarded {
    std::string id, path;
    std::vector<Vendor> bidders;     // a, b, c: b wins (the lowest price at equal scores)
    std::map<std::string, std::string> bid_of;  // vendor id -> bid id
  };
  // A tender with three qualified bidders, opened, scored by its committee, evaluated and
  // awarded with the clock at `award_at`. Vendors n0..n0+2.
  Awarded MakeAwarded(int n0, const std::string& award_at) {
    Awarded out;
    SetClock("2026-12-01T02:00:00Z");
    out.id = CreateTender();
    out.path = "/v1/tenders/" + out.id;
    EXPECT_EQ(Post(out.path + "/publish", nullptr, officer_).status, 200);
    const char* prices[] = {"900000.00", "800000.00", "950000.00"};
    for (int i = 0; i < 3; ++i) {
      Vendor v = MakeVendor(n0 + i);
      HttpResult bid = Post(out.path + "/bids", {{"price", prices[i]}, {"domestic", false}}, v.token);
      EXPECT_EQ(bid.status, 201) << bid.body;
      out.bid_of[v.id] = bid.json().value("id", "");
      out.bidders.push_back(v);
    }
    SetClock("2026-12-05T03:00:00Z");
    EXPECT_EQ(Post(out.path + "/open", nullptr, officer_).status, 200);
    json scores = json::array();
    for (const auto& [vendor, bid] : out.bid_of) scores.push_back({{"bid_id", bid}, {"technical_score", 60}});
    DrawAndScore(out.path, {{"scores", scores}});
    EXPECT_EQ(Post(out.path + "/evaluate", nullptr, officer_).status, 200);
    SetClock(award_at);
    HttpResult awarded = Post(out.path + "/award", nullptr, officer_);
    EXPECT_EQ(awarded.status, 200) << awarded.body;
    EXPECT_EQ(awarded.json()["awarded_bid_id"], out.bid_of[out.bidders[1].id]);
    return out;
  }
  json Deadlines(const std::string& token, const std::string& query = "") {
    HttpResult r = Get("/v1/deadlines" + query, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return r.json()["items"];
  }
};

// The calendar: the bureau keeps it, every mistake refused at once and nothing saved.
TEST_P(AfterAwardE2eTest, TheBureauKeepsTheWorkingDayCalendar) {
  Vendor v = MakeVendor(1);
  HttpResult none = Get("/v1/calendar/2026", v.token);  // any account reads it
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.json()["version"], 0);
  EXPECT_EQ(none.json()["holidays"], json::array());
  const json good = {{"holidays", {"2026-12-11", "2026-12-10"}}, {"workdays", {"2026-12-12"}}};
  ExpectProblem(Call("PUT", "/v1/calendar/2026", v.token, good), 403, "forbidden");
  ExpectProblem(Call("PUT", "/v1/calendar/2026", officer_, good), 403, "forbidden");
  HttpResult bad = Call("PUT", "/v1/calendar/2026", kAdmin,
                        {{"holidays", {"2026-12-13", "2027-01-01", "2026-12-10", "2026-12-10", "tomorrow"}},
                         {"workdays", {"2026-12-14"}}});
  ExpectProblem(bad, 422, "validation");
  std::set<std::string> fields;
  const json bad_errors = bad.json()["errors"];  // kept: the loop reads into it
  for (const auto& e : bad_errors) fields.insert(e.value("field", ""));
  EXPECT_TRUE(fields.count("holidays[4]")) << bad.body;  // not a date: the reader's error
  HttpResult rules = Call("PUT", "/v1/calendar/2026", kAdmin,
                          {{"holidays", {"2026-12-13", "2027-01-01", "2026-12-10", "2026-12-10"}}, {"workdays", {"2026-12-14"}}});
  ExpectProblem(rules, 422, "validation");
  fields.clear();
  const json rule_errors = rules.json()["errors"];
  for (const auto& e : rule_errors) fields.insert(e.value("field", ""));
  // A Sunday as a holiday, a day of another year, a day twice, a Monday as a 调休 working day.
  EXPECT_EQ(fields, (std::set<std::string>{"holidays[0]", "holidays[1]", "holidays[3]", "workdays[0]"})) << rules.body;
  ExpectProblem(Call("PUT", "/v1/calendar/26", kAdmin, good), 422, "validation");
  ExpectProblem(Call("PUT", "/v1/calendar/1999", kAdmin, good), 422, "validation");
  EXPECT_EQ(Get("/v1/calendar/2026", v.token).json()["version"], 0);  // nothing saved

  HttpResult put = Call("PUT", "/v1/calendar/2026", kAdmin, good);
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["holidays"], json({"2026-12-10", "2026-12-11"}));  // sorted
  EXPECT_EQ(put.json()["version"], 1);
  HttpResult stale = Http(server_->port(), "PUT", "/v1/calendar/2026", good.dump(),
                          {{"Authorization", std::string("Bearer ") + kAdmin}, {"If-Match", "\"0\""}});
  ExpectProblem(stale, 412, "version_mismatch");
  json log = Get("/v1/audit?entity_type=calendar&entity_id=2026", auditor_).json()["items"];
  ASSERT_EQ(log.size(), 1u);
  EXPECT_EQ(log[0]["action"], "calendar.put");
  EXPECT_EQ(log[0]["summary"].get<std::string>().find("执行了"), std::string::npos) << log[0];
}

// The period of 7 working days by the calendar, to the second; a challenge, its answer, the
// complaint and its decision; no contract while any is open; then the contract.
TEST_P(AfterAwardE2eTest, ChallengeComplaintAndContractFollowThePeriods) {
  // Thursday and Friday 10-11 December are holidays, Saturday the 12th is worked (调休).
  ASSERT_EQ(Call("PUT", "/v1/calendar/2026", kAdmin,
                 {{"holidays", {"2026-12-10", "2026-12-11"}}, {"workdays", {"2026-12-12"}}})
                .status,
            200);
  Awarded t = MakeAwarded(1, "2026-12-07T02:00:00Z");  // Monday 10:00 in Beijing
  const Vendor &a = t.bidders[0], &b = t.bidders[1], &c = t.bidders[2];
  json tender = Get(t.path, a.token).json();
  // 8, 9, (10, 11 off), 12 worked, 14, 15, 16, 17: the 7th working day is Thursday the 17th.
  EXPECT_EQ(tender["award_notice"]["challenge_period_ends_on"], "2026-12-17") << tender;
  EXPECT_EQ(tender["award_notice"]["published_at"], "2026-12-07T02:00:00Z");
  EXPECT_EQ(tender["contract_due_on"], "2027-01-06");  // 30 days after the notice
  EXPECT_EQ(tender["contract"], nullptr);

  // Nothing to contract before the period ends.
  ExpectProblem(Post(t.path + "/contract", {{"signed_on", "2026-12-07"}, {"amount", "800000.00"}}, officer_), 409,
                "invalid_state");
  // A vendor that did not bid may not challenge; grounds are required.
  Vendor outsider = MakeVendor(9);
  ExpectProblem(Post(t.path + "/challenges", {{"grounds", "评审不公"}}, outsider.token), 403, "forbidden");
  ExpectProblem(Post(t.path + "/challenges", {{"grounds", "  "}}, a.token), 422, "validation");
  ExpectProblem(Post(t.path + "/challenges", {{"grounds", "评审不公"}}, officer_), 403, "forbidden");
  EXPECT_EQ(Get(t.path + "/challenges", a.token).json()["items"].size(), 0u);

  // c challenges on the first day; once only for this notice.
  SetClock("2026-12-08T01:00:00Z");
  HttpResult first = Post(t.path + "/challenges", {{"grounds", "中标人报价低于成本\n详见附件"}, {"evidence", "附件一"}}, c.token);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.json()["status"], "submitted");
  // Tuesday 8th + 7 working days: 9, 12, 14, 15, 16, 17, 18.
  EXPECT_EQ(first.json()["answer_due_on"], "2026-12-18");
  const std::string c_challenge = first.json()["id"];
  ExpectProblem(Post(t.path + "/challenges", {{"grounds", "再次质疑"}}, c.token), 409, "conflict");

  // a challenges in the last second of the 17th (Beijing); one second later is too late.
  SetClock("2026-12-17T15:59:59Z");
  HttpResult last = Post(t.path + "/challenges", {{"grounds", "评分有误"}}, a.token);
  ASSERT_EQ(last.status, 201) << last.body;
  EXPECT_EQ(last.json()["answer_due_on"], "2026-12-28");  // 18, 21, 22, 23, 24, 25, 28
  const std::string a_challenge = last.json()["id"];
  SetClock("2026-12-17T16:00:00Z");
  ExpectProblem(Post(t.path + "/challenges", {{"grounds", "迟到的质疑"}}, b.token), 409, "invalid_state");

  // Who reads them: the officer and the bureau all, a bidder its own.
  EXPECT_EQ(Get(t.path + "/challenges", officer_).json()["items"].size(), 2u);
  EXPECT_EQ(Get(t.path + "/challenges", kAdmin).json()["items"].size(), 2u);
  json mine = Get(t.path + "/challenges", a.token).json()["items"];
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_EQ(mine[0]["id"], a_challenge);
  ExpectProblem(Get(t.path + "/challenges", expert_), 403, "forbidden");

  // What is due: the officer's two answers, soonest first; `before` cuts; an expert has none.
  json due = Deadlines(officer_);
  ASSERT_GE(due.size(), 3u) << due;
  EXPECT_EQ(due[0]["kind"], "challenge_answer");
  EXPECT_EQ(due[0]["challenge_id"], c_challenge);
  EXPECT_EQ(due[0]["due_on"], "2026-12-18");
  EXPECT_EQ(due[1]["challenge_id"], a_challenge);
  EXPECT_EQ(due[2]["kind"], "contract");
  EXPECT_EQ(due[2]["due_on"], "2027-01-06");
  EXPECT_EQ(Deadlines(officer_, "?before=2026-12-20").size(), 1u);
  EXPECT_EQ(Deadlines(c.token).size(), 1u);  // its own challenge awaiting the answer
  ExpectProblem(Get("/v1/deadlines", expert_), 403, "forbidden");
  ExpectProblem(Get("/v1/deadlines?before=someday", officer_), 422, "validation");

  // No contract while the challenges are open, though the period is over.
  SetClock("2026-12-18T02:00:00Z");
  ExpectProblem(Post(t.path + "/contract", {{"signed_on", "2026-12-18"}, {"amount", "800000.00"}}, officer_), 409,
                "invalid_state");
  // No complaint before the answer (nor its due day past).
  ExpectProblem(Post("/v1/challenges/" + c_challenge + "/complaint", {{"grounds", "未答复"}}, c.token), 409,
                "invalid_state");

  // The answers: only an officer of the tender; a remedy only with upheld; once.
  std::string other_officer = Account("采购处 另一人", "officer");
  const json dismissed = {{"decision", "dismissed"}, {"answer", "报价经核实不低于成本"}};
  ExpectProblem(Post("/v1/challenges/" + c_challenge + "/answer", dismissed, other_officer), 403, "forbidden");
  ExpectProblem(Post("/v1/challenges/" + c_challenge + "/answer", dismissed, c.token), 403, "forbidden");
  ExpectProblem(Post("/v1/challenges/" + c_challenge + "/answer",
                     {{"decision", "dismissed"}, {"answer", "x"}, {"remedy", "cancel"}}, officer_),
                422, "validation");
  ExpectProblem(Post("/v1/challenges/" + c_challenge + "/answer", {{"decision", "submitted"}, {"answer", "x"}}, officer_), 422,
                "validation");
  HttpResult answered = Post("/v1/challenges/" + c_challenge + "/answer", dismissed, officer_);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.json()["status"], "dismissed");
  EXPECT_EQ(answered.json()["answered_at"], "2026-12-18T02:00:00Z");
  ExpectProblem(Post("/v1/challenges/" + c_challenge + "/answer", dismissed, officer_), 409, "conflict");
  ASSERT_EQ(Post("/v1/challenges/" + a_challenge + "/answer", {{"decision", "dismissed"}, {"answer", "评分无误"}}, officer_).status,
            200);

  // c complains to the bureau; only c, once; the decision is due in 30 working days.
  ExpectProblem(Post("/v1/challenges/" + c_challenge + "/complaint", {{"grounds", "答复不当"}}, a.token), 404, "not_found");
  HttpResult complaint = Post("/v1/challenges/" + c_challenge + "/complaint", {{"grounds", "答复不当"}}, c.token);
  ASSERT_EQ(complaint.status, 201) << complaint.body;
  const std::string complaint_id = complaint.json()["id"];
  EXPECT_EQ(complaint.json()["status"], "submitted");
  // Friday the 18th + 30 working days (no calendar kept for 2027: Monday to Friday).
  EXPECT_EQ(complaint.json()["decision_due_on"], "2027-01-29");
  ExpectProblem(Post("/v1/challenges/" + c_challenge + "/complaint", {{"grounds", "again"}}, c.token), 409, "conflict");
  EXPECT_EQ(Get(t.path + "/challenges", c.token).json()["items"][0]["complaint_id"], complaint_id);
  // The bureau's desk and the vendor's own; not an officer's list.
  EXPECT_EQ(Get("/v1/complaints?status=submitted", kAdmin).json()["items"].size(), 1u);
  EXPECT_EQ(Get("/v1/complaints", auditor_).json()["items"].size(), 1u);
  EXPECT_EQ(Get("/v1/complaints", c.token).json()["items"].size(), 1u);
  EXPECT_EQ(Get("/v1/complaints", a.token).json()["items"].size(), 0u);
  ExpectProblem(Get("/v1/complaints", officer_), 403, "forbidden");
  ExpectProblem(Get("/v1/complaints?status=open", kAdmin), 422, "validation");
  json bureau_due = Deadlines(kAdmin);
  bool decision_listed = false;
  for (const auto& d : bureau_due) decision_listed = decision_listed || d.value("complaint_id", "") == complaint_id;
  EXPECT_TRUE(decision_listed) << bureau_due;

  // No contract while the complaint is open.
  ExpectProblem(Post(t.path + "/contract", {{"signed_on", "2026-12-18"}, {"amount", "800000.00"}}, officer_), 409,
                "invalid_state");
  // The bureau decides; an officer may not.
  const json decision = {{"decision", "dismissed"}, {"reason", "质疑答复并无不当"}};
  ExpectProblem(Post("/v1/complaints/" + complaint_id + "/decision", decision, officer_), 403, "forbidden");
  HttpResult decided = Post("/v1/complaints/" + complaint_id + "/decision", decision, kAdmin);
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.json()["status"], "dismissed");
  ExpectProblem(Post("/v1/complaints/" + complaint_id + "/decision", decision, kAdmin), 409, "conflict");

  // The contract: for the awarded price, signed after the period and not in the future.
  HttpResult wrong = Post(t.path + "/contract", {{"signed_on", "2026-12-17"}, {"amount", "800000.01"}}, officer_);
  ExpectProblem(wrong, 422, "validation");
  std::set<std::string> wrong_fields;
  const json wrong_errors = wrong.json()["errors"];
  for (const auto& e : wrong_errors) wrong_fields.insert(e.value("field", ""));
  EXPECT_EQ(wrong_fields, (std::set<std::string>{"signed_on", "amount"})) << wrong.body;
  ExpectProblem(Post(t.path + "/contract", {{"signed_on", "2026-12-19"}, {"amount", "800000.00"}}, officer_), 422,
                "validation");
  ExpectProblem(Post(t.path + "/contract", {{"signed_on", "2026-12-18"}, {"amount", "800000.00"}}, other_officer), 403,
                "forbidden");
  EXPECT_EQ(Get(t.path, officer_).json()["status"], "awarded");  // nothing changed
  HttpResult signed_ = Post(t.path + "/contract", {{"signed_on", "2026-12-18"}, {"amount", "800000.00"}}, officer_);
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_EQ(signed_.json()["status"], "contracted");
  EXPECT_EQ(signed_.json()["contract"]["signed_on"], "2026-12-18");
  EXPECT_EQ(signed_.json()["contract"]["amount"], "800000.00");
  EXPECT_EQ(signed_.json()["contract"]["late"], false);
  ExpectProblem(Post(t.path + "/contract", {{"signed_on", "2026-12-18"}, {"amount", "800000.00"}}, officer_), 409,
                "invalid_state");
  EXPECT_EQ(Get(t.path + "/evaluation", b.token).status, 200);  // bidders still read the report
  // Nothing is due any more on this tender.
  const json left = Deadlines(officer_);
  for (const auto& d : left) EXPECT_NE(d["tender_id"], t.id) << d;

  // The timeline: every step in the audit log, and the chain verifies.
  std::vector<std::string> actions;
  const json timeline = Get("/v1/audit?limit=500&tender_id=" + t.id, auditor_).json()["items"];
  for (const auto& e : timeline) {
    actions.push_back(e["action"]);
    EXPECT_EQ(e["summary"].get<std::string>().find("执行了"), std::string::npos) << "no phrase for " << e["action"];
  }
  for (const char* want : {"tender.award", "challenge.submit", "challenge.answer", "complaint.submit", "complaint.decide",
                           "tender.contract"}) {
    EXPECT_NE(std::find(actions.begin(), actions.end(), want), actions.end()) << want;
  }
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);
}

// An upheld challenge with re_evaluate: back to opened, the report set aside and kept, a new
// evaluation and award with a new notice, which the challenger may challenge again.
TEST_P(AfterAwardE2eTest, AnUpheldChallengeReturnsTheTenderToItsEvaluationKeepingTheReport) {
  Awarded t = MakeAwarded(21, "2026-12-07T02:00:00Z");
  const Vendor &a = t.bidders[0], &b = t.bidders[1];
  const std::string first_report = Get(t.path + "/evaluation", officer_).body;
  SetClock("2026-12-08T02:00:00Z");
  HttpResult ch = Post(t.path + "/challenges", {{"grounds", "技术评分未按评分标准"}}, a.token);
  ASSERT_EQ(ch.status, 201) << ch.body;
  const std::string id = ch.json()["id"];
  HttpResult upheld = Post("/v1/challenges/" + id + "/answer",
                           {{"decision", "upheld"}, {"answer", "评分有误，重新评审"}, {"remedy", "re_evaluate"}}, officer_);
  ASSERT_EQ(upheld.status, 200) << upheld.body;
  EXPECT_EQ(upheld.json()["remedy"], "re_evaluate");
  json tender = Get(t.path, officer_).json();
  EXPECT_EQ(tender["status"], "opened");
  EXPECT_EQ(tender["award_notice"], nullptr);
  EXPECT_EQ(tender["awarded_bid_id"], nullptr);
  ExpectProblem(Get(t.path + "/evaluation", officer_), 404, "not_found");
  json rounds = Get(t.path + "/evaluations", auditor_).json()["items"];
  ASSERT_EQ(rounds.size(), 1u);
  EXPECT_EQ(rounds[0]["set_aside_by"], id);
  EXPECT_EQ(rounds[0]["current"], false);
  EXPECT_EQ(rounds[0]["report"], json::parse(first_report));

  // The committee scores again (a now ahead), the officer evaluates and awards anew.
  for (const std::string& member : panel_) {
    ASSERT_EQ(Post(t.path + "/scores", {{"scores", {{{"bid_id", t.bid_of[a.id]}, {"technical_score", 70}}}}}, member).status,
              200);
  }
  HttpResult again = Post(t.path + "/evaluate", nullptr, officer_);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.json()["winner"], t.bid_of[a.id]);
  SetClock("2026-12-09T02:00:00Z");
  HttpResult award2 = Post(t.path + "/award", nullptr, officer_);
  ASSERT_EQ(award2.status, 200) << award2.body;
  EXPECT_EQ(award2.json()["award_notice"]["published_at"], "2026-12-09T02:00:00Z");
  EXPECT_EQ(award2.json()["award_notice"]["challenge_period_ends_on"], "2026-12-18");
  rounds = Get(t.path + "/evaluations", officer_).json()["items"];
  ASSERT_EQ(rounds.size(), 2u);
  EXPECT_EQ(rounds[1]["round"], 2);
  EXPECT_EQ(rounds[1]["current"], true);
  EXPECT_EQ(rounds[1]["report"]["winner"], t.bid_of[a.id]);
  ExpectProblem(Get(t.path + "/evaluations", MakeVendor(29).token), 403, "forbidden");
  // A new notice: b, now displaced, challenges it; a may challenge it too.
  HttpResult by_b = Post(t.path + "/challenges", {{"grounds", "新的评审结果有误"}}, b.token);
  HttpResult by_a = Post(t.path + "/challenges", {{"grounds", "对新公告的质疑"}}, a.token);
  ASSERT_EQ(by_b.status, 201) << by_b.body;
  ASSERT_EQ(by_a.status, 201) << by_a.body;
  for (const HttpResult* c : {&by_b, &by_a}) {
    ASSERT_EQ(Post("/v1/challenges/" + c->json()["id"].get<std::string>() + "/answer",
                   {{"decision", "dismissed"}, {"answer", "维持"}}, officer_).status,
              200);
  }
  // Signed after contract_due_on (2027-01-08, 30 days after the new notice): recorded, marked late.
  SetClock("2027-01-11T02:00:00Z");
  HttpResult late = Post(t.path + "/contract", {{"signed_on", "2027-01-11"}, {"amount", "900000.00"}}, officer_);
  ASSERT_EQ(late.status, 200) << late.body;
  EXPECT_EQ(late.json()["contract_due_on"], "2027-01-08");
  EXPECT_EQ(late.json()["contract"]["late"], true);
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);
}

// An unanswered challenge: the complaint waits for the answer's due day to pass; the window then
// runs 15 working days; an upheld complaint cancels the tender.
TEST_P(AfterAwardE2eTest, AnUnansweredChallengeOpensTheComplaintAndAnUpheldOneCancels) {
  Awarded t = MakeAwarded(31, "2026-12-07T02:00:00Z");
  const Vendor &a = t.bidders[0], &c = t.bidders[2];
  SetClock("2026-12-08T02:00:00Z");
  HttpResult ca = Post(t.path + "/challenges", {{"grounds", "资格审查有误"}}, a.token);
  HttpResult cc = Post(t.path + "/challenges", {{"grounds", "评分有误"}}, c.token);
  ASSERT_EQ(ca.status, 201);
  ASSERT_EQ(cc.status, 201);
  EXPECT_EQ(ca.json()["answer_due_on"], "2026-12-17");  // no calendar: 9, 10, 11, 14, 15, 16, 17
  // Overdue for the officer once the 17th is over.
  SetClock("2026-12-17T15:59:59Z");
  ExpectProblem(Post("/v1/challenges/" + ca.json()["id"].get<std::string>() + "/complaint", {{"grounds", "逾期未答复"}}, a.token),
                409, "invalid_state");
  SetClock("2026-12-17T16:00:00Z");
  json due = Deadlines(officer_);
  ASSERT_FALSE(due.empty());
  EXPECT_EQ(due[0]["kind"], "challenge_answer");
  EXPECT_EQ(due[0]["overdue"], true);
  HttpResult pa = Post("/v1/challenges/" + ca.json()["id"].get<std::string>() + "/complaint", {{"grounds", "逾期未答复"}}, a.token);
  ASSERT_EQ(pa.status, 201) << pa.body;
  // c's window: the 15th working day after the 17th is 2027-01-07; the next day is too late.
  SetClock("2027-01-07T16:00:00Z");
  ExpectProblem(Post("/v1/challenges/" + cc.json()["id"].get<std::string>() + "/complaint", {{"grounds", "迟到"}}, c.token),
                409, "invalid_state");
  // The bureau upholds a's complaint and cancels the tender.
  HttpResult decided = Post("/v1/complaints/" + pa.json()["id"].get<std::string>() + "/decision",
                            {{"decision", "upheld"}, {"reason", "采购人未依法答复"}, {"remedy", "cancel"}}, kAdmin);
  ASSERT_EQ(decided.status, 200) << decided.body;
  json tender = Get(t.path, officer_).json();
  EXPECT_EQ(tender["status"], "cancelled");
  EXPECT_NE(tender["status_reason"].get<std::string>().find("采购人未依法答复"), std::string::npos);
  // c's challenge is still to be answered; a remedy no longer changes the cancelled tender.
  ExpectProblem(Post("/v1/challenges/" + cc.json()["id"].get<std::string>() + "/answer",
                     {{"decision", "upheld"}, {"answer", "x"}, {"remedy", "re_evaluate"}}, officer_),
                409, "invalid_state");
  EXPECT_EQ(Post("/v1/challenges/" + cc.json()["id"].get<std::string>() + "/answer",
                 {{"decision", "dismissed"}, {"answer", "项目已取消"}}, officer_)
                .status,
            200);
  ExpectProblem(Post(t.path + "/contract", {{"signed_on", "2027-01-07"}, {"amount", "800000.00"}}, officer_), 409,
                "invalid_state");
  EXPECT_EQ(Get("/v1/audit/verify", auditor_).json()["ok"], true);
}

// A tender awarded before schema 016 has no notice in the registry (it was published outside):
// nobody can challenge it here, and its contract is recorded without a period to wait for.
TEST_P(AfterAwardE2eTest, ATenderAwardedBeforeTheNoticeExistedStillGetsItsContract) {
  Awarded t = MakeAwarded(41, "2026-12-07T02:00:00Z");
  auto db = tdb_->Open(1);
  ASSERT_TRUE(db->Transact(storage::Database::Mode::kWrite, [&](storage::Tx& tx) {
                  return tx.Exec("UPDATE tenders SET award_published_at = NULL, challenge_period_ends_on = NULL, "
                                 "contract_due_on = NULL WHERE id = ?", {t.id}).status();
                }).ok());
  json tender = Get(t.path, officer_).json();
  EXPECT_EQ(tender["award_notice"], nullptr);
  ExpectProblem(Post(t.path + "/challenges", {{"grounds", "无公告"}}, t.bidders[0].token), 409, "invalid_state");
  ExpectProblem(Post(t.path + "/contract", {{"signed_on", "2026-12-08"}, {"amount", "800000.00"}}, officer_), 422,
                "validation");  // not a day to come
  HttpResult signed_ = Post(t.path + "/contract", {{"signed_on", "2026-12-07"}, {"amount", "800000.00"}}, officer_);
  ASSERT_EQ(signed_.status, 200) << signed_.body;
  EXPECT_EQ(signed_.json()["status"], "contracted");
  EXPECT_EQ(signed_.json()["contract"]["late"], false);
}

// A reveal window is due for the tender's officers until it ends (by the clock or closed early).
TEST_P(AfterAwardE2eTest, ARevealWindowIsDueUntilItCloses) {
  HttpResult made = Post("/v1/tenders", {{"title", "密封报价项目"}, {"category", "SYSTEM_INTEGRATION"}, {"budget", "1000000.00"},
                                         {"method", "lowest_price"}, {"bid_deadline", "2026-12-05T02:00:00Z"},
                                         {"policies", {{"sealing", "commit_reveal"}, {"reveal_hours", 48}}}},
                         officer_);
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string path = "/v1/tenders/" + made.json()["id"].get<std::string>();
  ASSERT_EQ(Post(path + "/publish", nullptr, officer_).status, 200);
  Vendor v = MakeVendor(51);
  ASSERT_EQ(Post(path + "/bids", {{"commitment", std::string(64, 'a')}, {"domestic", false}}, v.token).status, 201);
  SetClock("2026-12-05T03:00:00Z");
  ASSERT_EQ(Post(path + "/open", nullptr, officer_).status, 200);
  json due = Deadlines(officer_);
  ASSERT_EQ(due.size(), 1u) << due;
  EXPECT_EQ(due[0]["kind"], "reveal_window");
  EXPECT_EQ(due[0]["due_at"], "2026-12-07T03:00:00Z");  // 48 hours after the opening
  EXPECT_EQ(due[0]["due_on"], "2026-12-07");
  EXPECT_EQ(Deadlines(officer_, "?before=2026-12-06").size(), 0u);
  EXPECT_EQ(Deadlines(kAdmin).size(), 1u);
  EXPECT_EQ(Deadlines(Account("采购处 旁人", "officer")).size(), 0u);  // not its tender
  EXPECT_EQ(Deadlines(v.token).size(), 0u);                           // a vendor's are its challenges
  SetClock("2026-12-07T03:00:00Z");
  EXPECT_EQ(Deadlines(officer_).size(), 0u);  // over by the clock
  SetClock("2026-12-06T03:00:00Z");
  ASSERT_EQ(Post(path + "/close-reveal", nullptr, officer_).status, 200);
  EXPECT_EQ(Deadlines(officer_).size(), 0u);  // closed early
}

INSTANTIATE_TEST_SUITE_P(Backends, AfterAwardE2eTest, ::testing::ValuesIn(testing_support::Backends()),
                         [](const auto& info) { return info.param; });

}  // namespace
