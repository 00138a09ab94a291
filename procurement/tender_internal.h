// What the tender service's translation units share (tender_service.cpp, tender_procedure.cpp):
// who may see and run a tender, its state changes with their audit entries, and the engine's
// inputs. Not an interface for other modules.
#pragma once

#include <string>
#include <vector>

#include "common/text.h"
#include "procurement/tender.h"
#include "registry/actor.h"

namespace procurement::detail {

// Opened or later (evaluated, failed, awarded).
bool Opened(TenderStatus s);
// Who sees a tender before it is published: the officers, the bureau and auditors.
bool SeesDrafts(const registry::Actor& actor);
// The tender as `actor` may see it; a draft is kNotFound to the others.
common::Result<Tender> Require(ProcurementUnitOfWork& uow, const std::string& id, const registry::Actor& actor);
// Only the tender's own officers (its owner and the officers added) change it: kForbidden else.
common::Status MayRun(ProcurementUnitOfWork& uow, const Tender& t, const registry::Actor& actor);
// Moves the tender to `to`, writes it over its version and appends `action`'s audit entry.
common::Status Transition(ProcurementUnitOfWork& uow, Tender& t, TenderStatus to, common::Timestamp at,
                          const registry::Actor& actor, const char* action, common::Fields details);
// Writes a change of the tender's terms or times (no change of status) over its version and
// appends `action`'s audit entry.
common::Status SaveTender(ProcurementUnitOfWork& uow, Tender& t, common::Timestamp at, const registry::Actor& actor,
                          const char* action, common::Fields details);
// SHA-256 of the bid's salt and content: the price, or the commitment when sealed by its bidder.
std::string BidDigest(const Bid& b);

// Whether the reveal window of a tender sealed by its bidders is still open at `now`.
bool RevealOpen(const Tender& t, common::Timestamp now);
// The tender's committee members may read its bids and score it; other experts may not.
common::Result<bool> IsMember(ProcurementUnitOfWork& uow, const std::string& tender_id, const std::string& account_id);

// Who reads a tender's evaluation reports: its officers and auditors, its committee's members,
// and its bidders once awarded; kForbidden for others.
common::Status MayReadEvaluation(ProcurementUnitOfWork& uow, const Tender& t, const registry::Actor& actor);
// The bureau's working-day calendar for periods that start on `from`: its year's and the next
// (no period after the award is longer than 30 working days).
common::Result<common::WorkingCalendar> CalendarFrom(ProcurementUnitOfWork& uow, common::Date from);

}  // namespace procurement::detail
