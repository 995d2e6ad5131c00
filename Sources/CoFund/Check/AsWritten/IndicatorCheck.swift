/// Figures that are not money: a rate or share above 100%, a negative count.
struct IndicatorCheck {
    let plan: Plan

    init(_ plan: Plan) { self.plan = plan }

    func run() -> CheckFindings {
        var found = CheckFindings()
        for indicator in plan.indicators {
            let subject = Message(.labelledText, .localized(indicator.name.vi.isEmpty ? LocalizedText(vi: indicator.id) : indicator.name))
            let isPercent = indicator.unit?.hasPrefix("%") ?? false
            if indicator.value < 0 {
                found.findings.append(Finding(.error, .impossible, subject: subject, location: indicator.location,
                                              quantity: isPercent ? .percent : .count, stated: indicator.value,
                                              statement: Message(.checkNegativeFigure, .message(subject), .number(indicator.value))))
            } else if isPercent && indicator.value > 100 {
                found.findings.append(Finding(.error, .impossible, subject: subject, location: indicator.location, quantity: .percent,
                                              stated: indicator.value, expected: 100,
                                              statement: Message(.checkAboveHundred, .message(subject), .number(indicator.value))))
            } else {
                found.held += 1
            }
        }
        return found
    }
}
