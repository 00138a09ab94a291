// Tenders as OCDS 1.1 releases (the exchange issue; CONTRACT.md "Data exchange"; docs/exchange.md
// maps each field). One release per published step of a tender: its publication (tag "tender"),
// each award ("award"; an award later set aside reads "cancelled"), its contract ("contract")
// and its cancellation ("tenderCancellation"). Bids (the bid extension) appear only in releases
// of a tender that is opened. Parties are identified by the org-id scheme CN-USCI (the Unified
// Social Credit Identifier). The domestic preference goes in the registry's own extension
// (schema/ocds/domestic_preference/).
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "procurement/tender.h"

namespace codec {

struct OcdsPublisher {
  std::string ocid_prefix = "ocds-000000";  // REGISTRY_OCID_PREFIX
  std::string name;                         // the publisher and buyer: the bureau
  std::string base_url;                     // REGISTRY_PUBLIC_URL, for the package's uri and the extension's
};

// The ocid of a tender: prefix-tenderid.
std::string Ocid(const OcdsPublisher& pub, const std::string& tender_id);
// The release of one published step of `t` (one of t.events).
nlohmann::json OcdsRelease(const OcdsPublisher& pub, const procurement::PublishedTender& t, const procurement::TenderEvent& step);
// A release package of `releases` at `uri`, published at `published` (the latest release's date).
nlohmann::json OcdsPackage(const OcdsPublisher& pub, const std::string& uri, nlohmann::json releases);
// The URLs of the extensions a package declares: the bid extension and the registry's own.
std::vector<std::string> OcdsExtensions(const OcdsPublisher& pub);

}  // namespace codec
