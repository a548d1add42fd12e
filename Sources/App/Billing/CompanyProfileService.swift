import Documents
import Domain
import Foundation
import GRDB
import Store

/// A logo the settings form received: the uploaded file still in the request's temporary
/// directory, or one the request already refused for its size.
public enum LogoUpload: Sendable, Equatable {
    case file(path: String)
    case tooLarge
}

/// How the company appears on its invoices and estimates. One transaction and one audit
/// event per save.
public struct CompanyProfileService: Sendable {
    let database: AppDatabase
    let clock: Clock

    public static let maxLogoBytes = 512 * 1024

    /// The profile (empty for a company that never saved one) and the estimate validity.
    public func get(for actor: Actor) throws -> (profile: CompanyProfileRecord, estimateValidDays: Int) {
        try require(.signedIn, actor)
        return try database.read { db in
            let profile = try CompanyProfileQueries.find(db, companyId: actor.companyId)
                ?? CompanyProfileRecord(companyId: actor.companyId, updatedAt: clock.now())
            return (profile, try EstimateQueries.validDays(db, companyId: actor.companyId))
        }
    }

    /// Saves the form. `logo` replaces the logo; `removeLogo` drops it; neither keeps it.
    @discardableResult
    public func update(_ draft: CompanyProfileDraft, logo: LogoUpload? = nil, removeLogo: Bool = false,
                       by actor: Actor) throws -> CompanyProfileRecord {
        try require(.manageCompany, actor)
        var errors = ValidationErrors()
        var clean: (draft: CompanyProfileDraft, estimateValidDays: Int)?
        switch draft.validated() {
        case .success(let value): clean = value
        case .failure(let found): errors = found
        }
        var newLogo: [UInt8]?
        if let logo {
            switch Self.readLogo(logo) {
            case .success(let bytes): newLogo = bytes
            case .failure(let refusal): errors.add("logo", refusal.message)
            }
        }
        guard errors.isEmpty, let clean else { throw AppError.invalid(errors) }
        return try database.pool.write { db in
            let now = clock.now()
            let before = try CompanyProfileQueries.find(db, companyId: actor.companyId)
            let logoPNG = newLogo ?? (removeLogo ? nil : before?.logoPNG)
            let profile = CompanyProfileRecord(companyId: actor.companyId, address: clean.draft.address, email: clean.draft.email,
                                               phone: clean.draft.phone, taxId: clean.draft.taxId,
                                               paymentInstructions: clean.draft.paymentInstructions, logoPNG: logoPNG, updatedAt: now)
            try CompanyProfileQueries.save(db, profile)
            let validBefore = try EstimateQueries.validDays(db, companyId: actor.companyId)
            try EstimateQueries.setValidDays(db, companyId: actor.companyId, days: clean.estimateValidDays)
            var changes: [String: (before: String?, after: String?)] = [:]
            func note(_ field: String, _ old: String?, _ new: String) { if old != new { changes[field] = (old, new) } }
            note("address", before?.address, profile.address)
            note("email", before?.email, profile.email)
            note("phone", before?.phone, profile.phone)
            note("tax_id", before?.taxId, profile.taxId)
            note("payment_instructions", before?.paymentInstructions, profile.paymentInstructions)
            note("estimate_valid_days", String(validBefore), String(clean.estimateValidDays))
            if before?.logoPNG != logoPNG { changes["logo"] = (before?.logoPNG == nil ? nil : "png", logoPNG == nil ? nil : "png") }
            try AuditLog.append(db, Audit.event("company.profile_updated", by: actor, objectType: "company",
                                                objectId: actor.companyId, changes: changes, at: now))
            return profile
        }
    }

    /// The logo's bytes when it is a PNG that the PDF renderer can draw: checked by drawing a
    /// one-line sample with it, so a logo that would break every later send is refused here.
    static func readLogo(_ upload: LogoUpload) -> Result<[UInt8], LogoError> {
        let refusal = LogoError("Upload a PNG image of at most 512 KB.")
        guard case .file(let path) = upload, let data = FileManager.default.contents(atPath: path),
              data.count <= maxLogoBytes else { return .failure(refusal) }
        let bytes = [UInt8](data)
        guard FileSignature.detect(Array(bytes.prefix(FileSignature.prefixLength))) == .png else { return .failure(refusal) }
        var sample = BillingDocument.sample(lineCount: 1)
        sample.seller.logoPNG = bytes
        do {
            _ = try PDFRenderer(compression: .fast).render(sample)
        } catch {
            return .failure(LogoError("That PNG could not be read. Export it again as a standard PNG and upload it."))
        }
        return .success(bytes)
    }

    struct LogoError: Error {
        let message: String
        init(_ message: String) { self.message = message }
    }
}
