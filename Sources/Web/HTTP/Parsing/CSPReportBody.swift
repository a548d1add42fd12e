import App
import Foundation

/// The body of a Content-Security-Policy report, in either format browsers send:
/// `application/csp-report` (`{"csp-report": {"document-uri": …}}`, from `report-uri`) or
/// `application/reports+json` (the Reporting API: `[{"type": "csp-violation", "body": {…}}]`).
/// `application/json` is accepted with either shape (some browsers and proxies relabel it).
enum CSPReportBody {
    static let maxBytes = 16 * 1024
    static let contentTypes: Set<String> = ["application/csp-report", "application/reports+json", "application/json"]

    /// The violations in `bytes`; entries of other report types are skipped. Anything that is
    /// not JSON of one of these shapes is a 400.
    static func parse(_ bytes: [UInt8]) throws -> [CSPViolation] {
        guard !bytes.isEmpty, let json = try? JSONSerialization.jsonObject(with: Data(bytes)) else {
            throw RequestError.badRequest("The report is not JSON.")
        }
        if let object = json as? [String: Any], let report = object["csp-report"] as? [String: Any] {
            return [CSPViolation(documentURI: string(report["document-uri"]),
                                 violatedDirective: string(report["violated-directive"] ?? report["effective-directive"]),
                                 blockedURI: string(report["blocked-uri"]))]
        }
        if let reports = json as? [Any] {
            return reports.compactMap { item -> CSPViolation? in
                guard let item = item as? [String: Any], item["type"] as? String == "csp-violation",
                      let body = item["body"] as? [String: Any] else { return nil }
                return CSPViolation(documentURI: string(body["documentURL"] ?? item["url"]),
                                    violatedDirective: string(body["effectiveDirective"] ?? body["violatedDirective"]),
                                    blockedURI: string(body["blockedURL"]))
            }
        }
        throw RequestError.badRequest("The report has neither a csp-report object nor a list of reports.")
    }

    private static func string(_ value: Any?) -> String {
        (value as? String) ?? ""
    }
}
