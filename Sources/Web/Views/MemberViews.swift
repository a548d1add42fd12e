import App
import Domain
import Store

/// The Members page and the invitation accept form.
enum MemberViews {
    static func index(_ overview: InvitationService.Overview, email: String, role: Role, error: String?,
                      _ context: RequestContext) -> HTML {
        let assignable = Role.allCases.reversed().filter { $0 != .owner || context.signedIn?.role == .owner }
        let members: [[HTML]] = overview.members.map { member in
            let choices: [HTML] = assignable.map {
                $0 == member.role ? "<option value=\"\($0.rawValue)\" selected>\($0.rawValue)</option>"
                    : "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>"
            }
            let roleCell: HTML = member.role == .owner && context.signedIn?.role != .owner ? "\(member.role.rawValue)" : """
                <form method="post" action="/members/\(member.userId)/role" class="inline">\(Components.csrfField(context))\
                <label for="role-\(member.userId)" class="visually-hidden">Role of \(member.email)</label>\
                <select id="role-\(member.userId)" name="role">\(choices)</select> <button class="button" type="submit">Change</button></form>
                """
            return ["\(member.email)", "\(member.displayName)", roleCell, "\(TimeText.utc(member.since))"]
        }
        let pending: [[HTML]] = overview.pending.map {
            ["\($0.email)", "\($0.role.rawValue)", "\(TimeText.utc($0.expiresAt))"]
        }
        let used = overview.members.count + overview.pending.count
        let roles = Role.allCases.reversed().filter { $0 != .owner || context.signedIn?.role == .owner }
        let options: [HTML] = roles.map {
            $0 == role ? "<option value=\"\($0.rawValue)\" selected>\($0.rawValue)</option>"
                : "<option value=\"\($0.rawValue)\">\($0.rawValue)</option>"
        }
        let errorHTML: HTML = error.map { "<div class=\"flash flash-error\" role=\"alert\">\($0)</div>" } ?? HTML()
        return Layout.page("Members", context, body: """
            <div class="page-header"><h1>Members</h1></div>
            <p>\(used) of \(overview.seatLimit) seats used (members and pending invitations).</p>
            \(Components.table(caption: "Members", headers: [("Email", false), ("Name", false), ("Role", false), ("Since", false)],
                               rows: members))
            <h2>Pending invitations</h2>
            \(pending.isEmpty ? "<p class=\"muted\">No pending invitations.</p>"
                : Components.table(caption: "Pending invitations", headers: [("Email", false), ("Role", false), ("Expires", false)],
                                   rows: pending))
            <div class="card"><h2>Invite someone</h2>\(errorHTML)
            <form class="form" method="post" action="/members/invitations" novalidate>\(Components.csrfField(context))
            \(Components.field("Email", name: "email", value: email, kind: .email, required: true))\
            <div class="field"><label for="role">Role</label><select id="role" name="role">\(options)</select></div>
            <div class="form-actions"><button class="button primary" type="submit">Send invitation</button></div>
            </form></div>
            """)
    }

    static func accept(_ pending: InvitationService.Pending, token: String, name: String, error: String?,
                       _ context: RequestContext) -> HTML {
        let errorHTML: HTML = error.map { "<div class=\"flash flash-error\" role=\"alert\">\($0)</div>" } ?? HTML()
        let fields: HTML = pending.hasAccount
            ? """
                <p>\(pending.invitation.email) already has an EZ360PM account: enter its password to join.</p>
                \(Components.field("Password", name: "password", value: "", kind: .password, required: true, autocomplete: "current-password"))
                """
            : """
                \(Components.field("Your name", name: "name", value: name, autocomplete: "name", maxLength: 200))\
                \(Components.field("Password", name: "password", value: "", kind: .password,
                                   hint: "At least \(PasswordPolicy.minimumLength) characters; not a common password.",
                                   required: true, autocomplete: "new-password"))
                """
        return Layout.bare("Join \(pending.companyName)", context, body: """
            <div class="card"><h1>Join \(pending.companyName)</h1>
            <p>You are invited as \(pending.invitation.role.rawValue), with the email \(pending.invitation.email).</p>\(errorHTML)
            <form class="form" method="post" action="/invitations/\(token)" novalidate>\(Components.csrfField(context))
            \(fields)<div class="form-actions"><button class="button primary" type="submit">Accept the invitation</button></div>
            </form></div>
            """)
    }
}
