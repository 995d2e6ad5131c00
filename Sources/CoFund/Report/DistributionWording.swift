/// The distribution's figures, flags and limits in the reader's words: a report in Vietnamese names
/// "số hộ nghèo", not the table's column `poor_start`. Columns CoFund does not know are shown as written.
enum DistributionWording {
    static func figure(_ column: String) -> Message {
        let key: MessageKey? = switch column {
        case "households": .distFigureHouseholds
        case "poor_start": .distFigurePoor
        case "near_poor_start": .distFigureNearPoor
        case "ethnic_households": .distFigureEthnic
        case "difficult_villages": .distFigureVillages
        case "new_houses": .distFigureNewHouses
        case "repaired_houses": .distFigureRepairedHouses
        default: nil
        }
        return key.map { Message($0) } ?? Message(.labelledText, .text(column))
    }

    static func flag(_ flag: AreaClass) -> Message {
        switch flag {
        case .poorDistrict: Message(.distFlagPoorDistrict)
        case .extremelyDifficult: Message(.distFlagDifficult)
        case .border: Message(.distFlagBorder)
        case .island: Message(.distFlagIsland)
        case .safeZone: Message(.distFlagSafeZone)
        case .specialZone: Message(.distFlagSpecialZone)
        case .zoneI, .zoneII, .zoneIII: Message(.labelledText, .text(flag.rawValue))
        }
    }

    static func criterion(_ criterion: DistributionCriterion) -> Message {
        switch criterion.measure {
        case .figure(let column): figure(column)
        case .flag(let value): flag(value)
        }
    }

    /// "at most 40 × new houses + 20 × repaired houses (DA5; Central budget)".
    static func limit(_ limit: AreaLimit, _ setup: DistributionSetup) -> Message {
        let amount: MessageArgument = switch limit.amount {
        case .value(let value): .amount(value)
        case .per(let rates):
            .message(rates.dropFirst().reduce(Message(.distRateTimes, .number(rates[0].rate), .message(figure(rates[0].figure)))) { sum, rate in
                Message(.distRatePlus, .message(sum), .message(Message(.distRateTimes, .number(rate.rate), .message(figure(rate.figure)))))
            })
        }
        let key: MessageKey = switch limit.kind {
        case .atLeast: .distLimitAtLeast
        case .atMost: .distLimitAtMost
        case .fixed: .distLimitFixed
        }
        var scope: [Message] = (limit.projects ?? []).map { Message(.labelledText, .text($0)) }
        for word in limit.sources ?? [] {
            if let source = setup.structure.source(word) { scope.append(Message(.labelledText, .localized(source.name))) }
            else if let level = BudgetLevel(rawValue: word) { scope.append(PlanWording.level(level)) }
        }
        return Message(key, amount, scope.isEmpty ? .text("—") : .list(scope))
    }
}
