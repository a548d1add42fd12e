/// Where a project stands. Archived is how a project is retired: it leaves the default list
/// but keeps its history (nothing is deleted), and can be reopened.
public enum ProjectStatus: String, CaseIterable, Sendable, Codable {
    case active
    case onHold = "on_hold"
    case done
    case archived

    /// The statuses a project may move to from this one. Not a ladder: work pauses, resumes,
    /// finishes and gets reopened; archiving is open from anywhere, and an archived project
    /// only comes back as active (so it is looked at again before anyone books time on it).
    public var allowedNext: [ProjectStatus] {
        switch self {
        case .active: [.onHold, .done, .archived]
        case .onHold: [.active, .done, .archived]
        case .done: [.active, .archived]
        case .archived: [.active]
        }
    }

    public func canMove(to next: ProjectStatus) -> Bool { next == self || allowedNext.contains(next) }

    public var label: String {
        switch self {
        case .active: "Active"
        case .onHold: "On hold"
        case .done: "Done"
        case .archived: "Archived"
        }
    }
}
