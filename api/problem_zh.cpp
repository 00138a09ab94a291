#include "api/problem_zh.h"

#include <cctype>
#include <cstdlib>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

#include "common/text.h"

namespace api {
namespace {

const std::map<std::string, std::string>& Titles() {
  static const std::map<std::string, std::string> k = {
      {"validation", "请求内容不正确"},      {"not_found", "找不到该资源"},
      {"unauthenticated", "需要登录"},        {"forbidden", "无权进行此操作"},
      {"conflict", "与现有记录冲突"},         {"version_mismatch", "记录已被他人修改"},
      {"sealed", "开标前投标保密"},           {"bidding_closed", "投标已截止"},
      {"invalid_state", "当前状态下不能进行此操作"}, {"payload_too_large", "请求内容过大"},
      {"malformed_json", "JSON 格式错误"},     {"unsupported_media_type", "不支持的内容类型"},
      {"method_not_allowed", "不支持此请求方法"}, {"rate_limited", "请求过于频繁"},
      {"unavailable", "服务暂时不可用"},      {"bad_request", "请求无效"},
      {"internal", "服务器内部错误"},
  };
  return k;
}

// When a detail has no translation of its own: what the type means, in a sentence.
const std::map<std::string, std::string>& GenericDetails() {
  static const std::map<std::string, std::string> k = {
      {"validation", "请求中有不正确的内容，请按各字段的提示修改后重试。"},
      {"not_found", "要找的记录不存在，或您无权查看。"},
      {"unauthenticated", "请先登录，或使用有效的令牌。"},
      {"forbidden", "您的身份不能进行此操作。"},
      {"conflict", "此操作与已有的记录冲突。"},
      {"version_mismatch", "该记录在您读取后已被修改，请重新读取后再操作。"},
      {"sealed", "开标前，投标内容只有投标人本人可见。"},
      {"bidding_closed", "投标截止时间已过。"},
      {"invalid_state", "记录当前所处的状态不允许此操作。"},
      {"payload_too_large", "请求内容超过了允许的大小。"},
      {"malformed_json", "请求正文不是正确的 JSON。"},
      {"unsupported_media_type", "请求的内容类型不受支持。"},
      {"method_not_allowed", "此地址不支持该请求方法。"},
      {"rate_limited", "请求过于频繁，请稍后再试。"},
      {"unavailable", "服务暂时不可用，请稍后再试。"},
      {"bad_request", "请求无法处理。"},
      {"internal", "服务器出现错误，已记录在日志中。"},
  };
  return k;
}

// The details people meet most, word for word.
const std::map<std::string, std::string>& Details() {
  static const std::map<std::string, std::string> k = {
      {"the request has invalid fields", "请求中有不正确的字段。"},
      {"the query has invalid parameters", "查询参数不正确。"},
      {"the query is not valid", "查询条件不正确。"},
      {"the tender has invalid fields", "采购项目中有不正确的字段。"},
      {"the bid has invalid fields", "投标中有不正确的字段。"},
      {"the scores have invalid fields", "评分中有不正确的字段。"},
      {"the policy limits have invalid fields", "法定限额中有不正确的字段。"},
      {"the checkpoint is not valid", "检查点不正确。"},
      {"no such resource", "没有这个地址。"},
      {"no such vendor", "没有这个供应商。"},
      {"no such practitioner", "没有这个从业人员。"},
      {"no such category", "没有这个采购品目。"},
      {"no such catalog item", "没有这个采购目录产品。"},
      {"no such application", "没有这个申请。"},
      {"no such account", "没有这个账户。"},
      {"no such tender", "没有这个采购项目。"},
      {"no such sanction", "没有这个处罚记录。"},
      {"no such qualification", "没有这个资质。"},
      {"unknown token", "令牌无效。"},
      {"the login or the password is wrong", "登录名或密码不正确。"},
      {"the session has ended; sign in again", "会话已结束，请重新登录。"},
      {"the vendor is listed already", "该供应商已在名录中。"},
      {"the vendor is not listed", "该供应商不在名录中。"},
      {"the tender is not open for bids", "该项目未在接受投标。"},
      {"the bid deadline has not passed; bids stay sealed", "投标截止时间未到，投标保持密封。"},
      {"only a pending practitioner is decided; this one is active", "只有待审核的从业人员可以审核，此人已是在岗状态。"},
      {"this person is already pending or active as a practitioner of a vendor", "此人已在某一供应商登记为待审核或在岗的从业人员。"},
      {"this person is already active or pending as a practitioner of another vendor", "此人已在另一供应商登记为在岗或待审核的从业人员。"},
      {"the bureau reviews practitioners", "从业人员由主管部门审核。"},
      {"only the bureau decides applications", "申请由主管部门审批。"},
      {"an application is decided once", "申请只能审批一次。"},
      {"a vendor lists its own catalog items", "供应商只能查看自己的采购目录产品。"},
      {"a vendor lists its own qualifications", "供应商只能查看自己的资质。"},
      {"vendors do not list who else may bid", "供应商不能查看其他可投标的供应商。"},
      {"only the bureau and auditors read the audit log", "审计日志只对主管部门和审计人员开放。"},
      {"the request body is not valid JSON", "请求正文不是正确的 JSON。"},
  };
  return k;
}

const std::map<std::string, std::string>& FieldMessages() {
  static const std::map<std::string, std::string> k = {
      {"required", "必须填写"},
      {"length", "长度不符合要求"},
      {"too_long", "过长"},
      {"too_short", "过短"},
      {"charset", "含有不允许的字符"},
      {"checksum", "校验位不正确"},
      {"unknown", "没有这个取值"},
      {"enum", "不是允许的取值之一"},
      {"unknown_field", "不认识的字段"},
      {"unknown_parameter", "不认识的查询参数"},
      {"too_many", "数量过多"},
      {"format", "格式不正确"},
      {"invalid", "取值无效"},
      {"invalid_date", "不是有效的日期"},
      {"range", "超出允许的范围"},
      {"precision", "小数位数过多"},
      {"negative", "不能为负数"},
      {"type", "类型不正确"},
      {"holder", "持有者类别不符"},
      {"before_issue", "早于发证日期"},
      {"before_added", "早于登记日期"},
      {"duplicate", "重复"},
      {"mismatch", "与其他取值不一致"},
      {"bidi_control", "含有改变文字方向的控制字符"},
      {"invisible_character", "含有不可见字符"},
      {"private_use", "含有私用区字符"},
      {"control_character", "含有控制字符"},
      {"encoding", "不是有效的 UTF-8 文本"},
      {"same_as_login", "不能与登录名相同"},
      {"reused", "不能与原密码相同"},
      {"over_budget", "超出预算"},
      {"needs_eligible_for", "须与 eligible_for 一起使用"},
      // After the award (issue 20).
      {"not_awarded_price", "须等于中标金额"},
      {"in_challenge_period", "须在质疑期届满之后"},
      {"future", "不能晚于今天"},
      {"not_upheld", "只有结论为“成立”时才能采取处理措施"},
      {"other_year", "不是该年度的日期"},
      {"weekend", "是周末，本来就不上班，不必列为假日"},
      {"weekday", "是周一至周五，本来就上班，不必列为调休"},
      {"both", "不能同时列为假日和调休"},
      // Imports (the exchange issue).
      {"file_encoding", "文件既不是 UTF-8 也不是 GB18030 编码；请在表格软件中另存为“CSV UTF-8”"},
      {"csv", "CSV 格式错误（如引号没有闭合）"},
      {"empty", "文件没有标题行"},
      {"too_many_rows", "行数超过上限"},
      {"unknown_column", "不是此类导入的列名"},
      {"missing_column", "缺少此类导入必需的列"},
      {"duplicate_column", "列名重复"},
      {"unnamed_column", "该列没有列名"},
      {"columns", "该行的单元格数与标题行的列数不符"},
      {"unknown_vendor", "没有持有此统一社会信用代码的供应商，请先导入供应商"},
      {"spreadsheet_number", "已被表格软件变成科学计数法（只保留 15 位）；请把该列设为“文本”格式后重新填写"},
      {"other_vendor", "同一身份证号码在前面的行中属于另一家供应商；一人只能在一家供应商执业"},
      {"held_elsewhere", "此人已是另一家供应商待审核或在职的从业人员"},
      // Projects (the projects issue).
      {"not_in_plan", "不在已通过的规划中（先规划后立项）"},
      {"over_ceiling", "超过规划项目的预算上限"},
      {"information_sharing_required", "须说明本项目向其他部门提供或使用的共享信息（信息共享是立项条件）"},
      {"before_start", "早于起始日期"},
      {"not_expert", "不是在用的评审专家账户"},
      {"not_approved", "该建设项目的预算尚未批复"},
      {"over_project_budget", "超过该建设项目批复预算的剩余额度"},
  };
  return k;
}

bool StartsWithZh(std::string tag) {
  for (char& c : tag) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return tag == "zh" || tag.rfind("zh-", 0) == 0;
}

}  // namespace

std::string FieldMessageZh(const std::string& field, const std::string& code) {
  auto m = FieldMessages().find(code);
  return (field.empty() ? std::string() : field + "：") + (m != FieldMessages().end() ? m->second : "取值不正确");
}

bool PrefersChinese(const HttpRequest& req) {
  const std::string* h = req.Header("accept-language");
  if (!h) return false;
  // The tag with the highest q (the first of equals) decides.
  double best_q = -1;
  bool best_zh = false;
  for (std::string_view piece : common::Split(*h, ',')) {
    std::string item(piece);
    std::string tag = item.substr(0, item.find(';'));
    while (!tag.empty() && tag.front() == ' ') tag.erase(0, 1);
    while (!tag.empty() && tag.back() == ' ') tag.pop_back();
    if (tag.empty()) continue;
    double q = 1.0;
    size_t qpos = item.find("q=");
    if (qpos != std::string::npos) q = std::strtod(item.c_str() + qpos + 2, nullptr);
    if (q > best_q) {
      best_q = q;
      best_zh = StartsWithZh(tag);
    }
  }
  return best_zh && best_q > 0;
}

void LocalizeProblem(const HttpRequest& req, HttpResponse* resp) {
  if (resp->content_type != "application/problem+json") return;
  resp->headers.emplace_back("Vary", "Accept-Language");
  if (!PrefersChinese(req)) return;
  nlohmann::json doc = nlohmann::json::parse(resp->body, nullptr, false);
  if (!doc.is_object()) return;
  std::string type = doc.value("type", "");
  if (auto t = Titles().find(type); t != Titles().end()) doc["title"] = t->second;
  if (doc.contains("detail") && doc["detail"].is_string()) {
    std::string en = doc["detail"].get<std::string>();
    auto d = Details().find(en);
    auto g = GenericDetails().find(type);
    doc["detail"] = d != Details().end() ? d->second : g != GenericDetails().end() ? g->second : "请求未能完成。";
    doc["detail_en"] = en;
  }
  if (doc.contains("errors") && doc["errors"].is_array()) {
    for (auto& e : doc["errors"]) {
      if (!e.is_object()) continue;
      std::string code = e.value("code", "");
      std::string field = e.value("field", "");
      if (e.contains("message")) e["message_en"] = e["message"];
      e["message"] = FieldMessageZh(field, code);
    }
  }
  resp->body = doc.dump();
}

}  // namespace api
