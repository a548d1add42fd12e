/// The reminder settings form as typed.
public struct ReminderSettingsDraft: Sendable, Equatable {
    public enum LateFeeKind: String, Sendable, CaseIterable {
        case none, fixed, percentage
    }

    public var enabled: Bool
    public var schedule: String
    public var lateFeeKind: String
    public var lateFeeValue: String
    public var lateFeeAfterStep: String
    /// `draft` or `send`.
    public var lateFeeMode: String

    public static let defaultSchedule = "-3,0,7,14,30"

    public init(enabled: Bool = false, schedule: String = ReminderSettingsDraft.defaultSchedule, lateFeeKind: String = "none",
                lateFeeValue: String = "", lateFeeAfterStep: String = "", lateFeeMode: String = "draft") {
        self.enabled = enabled
        self.schedule = schedule
        self.lateFeeKind = lateFeeKind
        self.lateFeeValue = lateFeeValue
        self.lateFeeAfterStep = lateFeeAfterStep
        self.lateFeeMode = lateFeeMode
    }

    public func validated(currency: Currency) -> Result<ValidReminderSettings, ValidationErrors> {
        var errors = ValidationErrors()
        var parsed: ReminderSchedule?
        do throws(ReminderScheduleError) { parsed = try ReminderSchedule(parsing: schedule) } catch {
            errors.add("schedule", error.message)
        }
        let kind = LateFeeKind(rawValue: lateFeeKind.trimmingWhitespace())
        if kind == nil { errors.add("late_fee_kind", "Choose no late fee, a fixed amount or a percentage.") }
        var value: Int64 = 0
        var afterStep: Int?
        if let kind, kind != .none {
            switch kind {
            case .fixed:
                do throws(NumberInputError) { value = try MoneyInput.parse(lateFeeValue, currency: currency) } catch {
                    errors.add("late_fee_value", error.message)
                }
            case .percentage:
                do throws(NumberInputError) { value = Int64(try PercentInput.parseMilliPercent(lateFeeValue)) } catch {
                    errors.add("late_fee_value", error.message)
                }
            case .none: break
            }
            if errors["late_fee_value"] == nil && value <= 0 { errors.add("late_fee_value", "Enter a late fee above zero.") }
            let stepText = lateFeeAfterStep.trimmingWhitespace().replacingPlusPrefix()
            if let step = Int(stepText) {
                if let parsed, !parsed.steps.contains(step) {
                    errors.add("late_fee_after_step", "Choose one of the reminder days (\(parsed.description)).")
                } else if step <= 0 {
                    errors.add("late_fee_after_step", "A late fee applies after the due date: choose a day above 0.")
                } else {
                    afterStep = step
                }
            } else {
                errors.add("late_fee_after_step", "Enter the reminder day that bills the fee, e.g. 14.")
            }
        }
        let mode = lateFeeMode.trimmingWhitespace()
        if mode != "draft" && mode != "send" { errors.add("late_fee_mode", "Choose to create a draft or to send it.") }
        guard errors.isEmpty, let parsed, let kind else { return .failure(errors) }
        return .success(ValidReminderSettings(enabled: enabled, schedule: parsed, lateFeeKind: kind,
                                              lateFeeValue: kind == .none ? 0 : value,
                                              lateFeeAfterStep: kind == .none ? nil : afterStep,
                                              lateFeeSends: mode == "send"))
    }
}

public struct ValidReminderSettings: Sendable, Equatable {
    public let enabled: Bool
    public let schedule: ReminderSchedule
    public let lateFeeKind: ReminderSettingsDraft.LateFeeKind
    /// Cents for `fixed`, thousandths of a percent for `percentage`.
    public let lateFeeValue: Int64
    public let lateFeeAfterStep: Int?
    public let lateFeeSends: Bool

    /// The fee on `balanceCents`: the fixed amount, or the percentage rounded half up to the cent; nil on overflow.
    public static func lateFee(kind: ReminderSettingsDraft.LateFeeKind, value: Int64, balanceCents: Int64) -> Int64? {
        switch kind {
        case .none: return 0
        case .fixed: return value
        case .percentage:
            let (product, overflow) = balanceCents.multipliedReportingOverflow(by: value)
            guard !overflow, balanceCents >= 0 else { return nil }
            return (product + 50_000) / 100_000
        }
    }
}

extension String {
    func replacingPlusPrefix() -> String { hasPrefix("+") ? String(dropFirst()) : self }
}
