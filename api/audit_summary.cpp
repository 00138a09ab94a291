#include "api/audit_summary.h"

#include <map>

#include <nlohmann/json.hpp>

namespace api {
namespace {

struct Phrase {
  const char* verb;    // what the actor did
  const char* object;  // to what
};

// Every action the services write. An action without a phrase falls back to "执行了 <action>",
// which the e2e suites fail on (TenderE2eTest.SealedBids…, over the whole log).
const std::map<std::string, Phrase>& Phrases() {
  static const std::map<std::string, Phrase> kPhrases = {
      {"account.bootstrap", {"创建了", "首个管理员账户"}},
      {"account.create", {"创建了", "账户"}},
      {"account.disable", {"停用了", "账户"}},
      {"account.enable", {"启用了", "账户"}},
      {"account.password_change", {"修改了", "自己的密码"}},
      {"account.password_reset", {"重置了", "账户密码"}},
      {"account.sign_in", {"登录了", "系统"}},
      {"account.sign_out", {"退出了", "系统"}},
      {"account.token_rotate", {"更换了", "账户令牌"}},
      {"application.approve", {"批准了", "申请"}},
      {"application.reject", {"驳回了", "申请"}},
      {"application.submit", {"提交了", "申请"}},
      {"audit.baseline", {"补记了", "记录的基线"}},
      {"audit.seal", {"以密钥封存了", "审计链"}},
      {"bid.replace", {"替换了", "投标"}},
      {"bid.reveal", {"公开了", "投标报价（解密）"}},
      {"bid.review", {"审查了", "投标人资格"}},
      {"bid.submit", {"提交了", "投标"}},
      {"bid.withdraw", {"撤回了", "投标"}},
      {"clarification.publish", {"发布了", "澄清或修改公告"}},
      {"committee.draw", {"随机抽取了", "评标委员会"}},
      {"expert_profile.put", {"维护了", "评审专家的专业与关联单位"}},
      {"question.ask", {"就采购项目提出了", "问题"}},
      {"calendar.put", {"维护了", "工作日历（节假日与调休）"}},
      {"challenge.answer", {"答复了", "质疑"}},
      {"challenge.submit", {"提出了", "对中标结果的质疑"}},
      {"complaint.decide", {"作出了", "投诉处理决定"}},
      {"complaint.submit", {"向监管部门提出了", "投诉"}},
      {"catalog_item.list", {"批准了", "采购目录产品"}},
      {"catalog_item.import", {"从文件导入了", "采购目录产品"}},
      {"catalog_item.amend", {"按导入文件修改了", "采购目录产品"}},
      {"import.run", {"导入了", "数据文件"}},
      {"qualification.amend", {"按导入文件更正了", "资质"}},
      {"vendor.import", {"从文件导入了", "供应商"}},
      {"catalog_item.propose", {"申报了", "采购目录产品"}},
      {"catalog_item.reject", {"驳回了", "采购目录产品"}},
      {"category.put", {"维护了", "采购品目"}},
      {"policy_limits.put", {"修改了", "法定限额"}},
      {"plan.create", {"起草了", "信息化建设规划"}},
      {"plan.adopt", {"通过了", "信息化建设规划"}},
      {"project.propose", {"申报了", "信息化建设项目"}},
      {"project.reject", {"退回了", "信息化建设项目的申报"}},
      {"project.review_open", {"组织专家评审", "建设项目的预算"}},
      {"project.review_close", {"结束了专家评审，确定了", "建设项目的建议预算"}},
      {"project.budget_approve", {"批复了", "建设项目的预算"}},
      {"budget_opinion.submit", {"提交了", "预算评审意见"}},
      {"practitioner.import", {"从文件导入了", "从业人员"}},
      {"practitioner.amend", {"按导入文件更新了", "从业人员的证书"}},
      {"practitioner.add", {"登记了", "从业人员"}},
      {"practitioner.approve", {"批准了", "从业人员"}},
      {"practitioner.depart", {"登记了离职：", "从业人员"}},
      {"practitioner.reject", {"驳回了", "从业人员"}},
      {"qualification.record", {"登记了", "资质"}},
      {"qualification.reinstate", {"恢复了", "资质"}},
      {"qualification.revoke", {"撤销了", "资质"}},
      {"qualification.suspend", {"暂停了", "资质"}},
      {"qualification_type.put", {"维护了", "资质类型"}},
      {"sanction.impose", {"作出了", "处罚"}},
      {"sanction.lift", {"解除了", "处罚"}},
      {"score.submit", {"提交了", "评分"}},
      {"tender.amend", {"修改了", "采购项目的条款"}},
      {"tender.close_reveal", {"提前结束了", "项目的解密期"}},
      {"tender.award", {"确定了", "项目的中标人"}},
      {"tender.cancel", {"取消了", "项目"}},
      {"tender.contract", {"登记了", "项目的采购合同"}},
      {"tender.create", {"创建了", "采购项目"}},
      {"tender.evaluate", {"完成了", "项目评审"}},
      {"tender.officer_add", {"增加了", "项目经办人"}},
      {"tender.open", {"开标：", "项目"}},
      {"tender.publish", {"发布了", "采购项目"}},
      {"tender.reopen", {"因质疑或投诉成立而重新评审了", "项目"}},
      {"vendor.delist", {"将供应商移出了", "名录"}},
      {"vendor.list", {"将供应商列入了", "名录"}},
      {"vendor.register", {"登记了", "供应商"}},
      {"vendor.reset_access", {"重置了", "供应商的访问权限"}},
      {"vendor.update", {"修改了", "供应商信息"}},
  };
  return kPhrases;
}

}  // namespace

std::string AuditSummary(const registry::AuditEntry& e) {
  if (e.redacted && e.entity_type == "question") return "有供应商就采购项目提出了问题（开标前不公开提问人）。";
  if (e.redacted) return "有一份投标被提交或更新（开标前不公开投标人）。";
  std::string who = !e.actor_name.empty()                             ? e.actor_name
                    : e.actor == "system"                             ? std::string("系统")
                    : e.actor == "registryctl"                        ? std::string("运维命令行")
                                                                      : e.actor;
  auto it = Phrases().find(e.action);
  std::string what;
  if (it == Phrases().end()) {
    what = "执行了 " + e.action + "：" + e.entity_type + " " + e.entity_id;
  } else {
    what = std::string(it->second.verb) + it->second.object;
    // The name the details carry (a vendor's, a practitioner's, an item's, a tender's title).
    nlohmann::json d = nlohmann::json::parse(e.details, nullptr, false);
    std::string name;
    if (d.is_object()) {
      for (const char* k : {"name", "title"}) {
        if (d.contains(k) && d[k].is_string()) {
          name = d[k].get<std::string>();
          break;
        }
      }
    }
    what += name.empty() ? "（" + e.entity_id + "）" : "「" + name + "」";
  }
  return who + what + "。";
}

}  // namespace api
