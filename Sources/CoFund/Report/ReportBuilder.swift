import LinearProgramming

/// Turns a `PlanSolution` into a `SolveReport` in one language: allocations and totals, every rule
/// with required/achieved/slack, and the sensitivity of sources, rules and weights in plan terms.
public struct ReportBuilder {
    public let structure: PlanStructure
    public let words: Localizer
    private let wording: PlanWording

    public init(_ structure: PlanStructure, language: Language) {
        self.structure = structure
        words = Localizer(language)
        wording = PlanWording(structure: structure, words: words)
    }

    public func build(_ result: PlanSolution) -> SolveReport {
        let plan = structure.plan
        let language = words.language
        let info = SolveReport.PlanInfo(
            id: plan.id, place: plan.place.text(language), level: plan.level.rawValue, year: plan.year, unit: plan.unit,
            ruleSet: structure.loaded.ruleSet.id, tier: plan.tier)
        var notes: [String] = []
        for excluded in structure.excludedLeaves {
            notes.append(words.t("\(excluded.code): không phân bổ trong kế hoạch này — \(excluded.reason)",
                                 "\(excluded.code): not allocated in this plan — \(excluded.reason)"))
        }
        let allocations = result.allocation.filter { $0.value > 1e-9 }.sorted { $0.key < $1.key }.map { key, amount in
            SolveReport.AllocationLine(project: key.project, label: structure.project(key.project)?.label, source: key.source,
                                       capital: key.capital.rawValue, amount: amount)
        }
        let solved = result.outcome == .solved
        return SolveReport(
            status: result.outcome.rawValue,
            statusText: words.status(result.outcome, solver: result.solverStatus?.explanation),
            language: language.rawValue, plan: info,
            objective: solved ? result.stageValues.last?.value : nil,
            objectiveStages: stages(result),
            allocations: allocations,
            totals: solved ? totals(result.allocation) : nil,
            projects: projectLines(result),
            sources: sourceLines(result),
            rules: solved ? ruleLines(result) : [],
            diagnosis: result.diagnosis.map(diagnosisReport),
            missingInputs: result.missingInputs.map {
                SolveReport.MissingLine(file: $0.location.file, line: $0.location.line, field: $0.field, message: wording.missing($0))
            },
            notes: (result.trouble.map { [$0.description] } ?? []) + notes + plan.notes)
    }

    private func stages(_ result: PlanSolution) -> [SolveReport.Stage] {
        result.stageValues.enumerated().map { k, stage in
            var achieved = stage.value
            if let compiled = result.compiled, let final = result.solution, k < compiled.stages.count {
                achieved = zip(compiled.stages[k].coefficients, final.columnValues).reduce(0) { $0 + $1.0 * $1.1 }
            }
            return SolveReport.Stage(stage: stage.stage.rawValue, value: stage.value, achieved: achieved)
        }
    }

    private func totals(_ allocation: Allocation) -> SolveReport.Totals {
        var byLevel: [String: Double] = [:]
        var byCapital: [String: Double] = [:]
        var bySource: [String: Double] = [:]
        for (key, amount) in allocation {
            guard let source = structure.plan.source(key.source) else { continue }
            byLevel[source.level.rawValue, default: 0] += amount
            byCapital[key.capital.rawValue, default: 0] += amount
            bySource[key.source, default: 0] += amount
        }
        return SolveReport.Totals(byLevel: byLevel, byCapital: byCapital, bySource: bySource, total: allocation.values.reduce(0, +))
    }

    private func projectLines(_ result: PlanSolution) -> [SolveReport.ProjectLine] {
        let excluded = Dictionary(structure.excludedLeaves.map { ($0.code, $0.reason) }, uniquingKeysWith: { a, _ in a })
        return structure.plan.allProjects.map { project in
            let leaves = Set(structure.leaves(under: project.code).map(\.code))
            var byCapital: [String: Double] = [:]
            var total = 0.0
            for (key, amount) in result.allocation where leaves.contains(key.project) {
                byCapital[key.capital.rawValue, default: 0] += amount
                total += amount
            }
            var weightRange: SolveReport.Range?
            // Read at the funded-need stage: the weights are that stage's objective coefficients.
            if project.isLeaf, let report = result.fundedNeedSensitivity, let j = result.compiled?.fundedColumns[project.code] {
                let entry = report.columns[j]
                weightRange = range(lower: entry.lower.objectiveCoefficient, upper: entry.upper.objectiveCoefficient,
                                    lowerLimit: entry.lower.limitingVariable, upperLimit: entry.upper.limitingVariable, result: result)
            }
            return SolveReport.ProjectLine(
                code: project.code, label: project.label, name: project.name.text(words.language), isLeaf: project.isLeaf,
                need: project.need.total ?? (project.need.byCapital.isEmpty ? nil : project.need.byCapital.values.reduce(0, +)),
                floor: project.floor.total, allocated: total, byCapital: byCapital,
                weight: project.isLeaf ? structure.weight(project.code) : project.weight, weightRange: weightRange,
                excludedReason: excluded[project.code])
        }
    }

    private func sourceLines(_ result: PlanSolution) -> [SolveReport.SourceLine] {
        structure.plan.sources.map { source in
            let used = result.allocation.filter { $0.key.source == source.id }.values.reduce(0, +)
            var price: Double?
            var rangeInfo: SolveReport.Range?
            var needPrice: Double?
            var needRange: SolveReport.Range?
            if let compiled = result.compiled, let i = compiled.rowIndex(.source(source.id)) {
                if let report = result.sensitivity { (price, rangeInfo) = rowSensitivity(i, report: report, result: result) }
                if let report = result.fundedNeedSensitivity { (needPrice, needRange) = rowSensitivity(i, report: report, result: result) }
            }
            return SolveReport.SourceLine(
                id: source.id, name: source.name.text(words.language), level: source.level.rawValue,
                capital: source.capital.map(\.rawValue), available: source.available, used: used, spendInFull: source.spendInFull,
                shadowPrice: price, range: rangeInfo, fundedNeedShadowPrice: needPrice, fundedNeedRange: needRange)
        }
    }

    private func ruleLines(_ result: PlanSolution) -> [SolveReport.RuleLine] {
        let rules = structure.loaded.rules
        let measured = result.checkItems.filter { $0.kind == .counterpart || $0.kind == .share }.map { item in
            let rule = rules.first { $0.id == item.id }
            var price: Double?
            var rangeInfo: SolveReport.Range?
            if let compiled = result.compiled, let i = compiled.rowIndex(.rule(id: item.id, instance: item.instance)),
               let report = result.sensitivity {
                (price, rangeInfo) = rowSensitivity(i, report: report, result: result)
                // The row reads (money counted) − (requirement) ≥ 0; its right-hand side is a shift of the
                // requirement, so the range is reported as the required amount it allows.
                if var shifted = rangeInfo {
                    shifted.lower = shifted.lower.map { item.required + $0 }
                    shifted.upper = shifted.upper.map { item.required + $0 }
                    rangeInfo = shifted
                }
            }
            return SolveReport.RuleLine(
                id: item.id, instance: item.instance, kind: item.kind.rawValue,
                description: rule.map(wording.ruleDescription) ?? item.id, required: item.required, achieved: item.achieved,
                slack: item.slack, binding: item.isBinding, satisfied: item.satisfied, shadowPrice: price, range: rangeInfo)
        }
        return measured + structuralRuleLines(result)
    }

    /// Bars and investment-only rules are met by construction (the forbidden amounts are not variables);
    /// they are listed with the money that would break them, measured on the allocation: always 0.
    private func structuralRuleLines(_ result: PlanSolution) -> [SolveReport.RuleLine] {
        structure.loaded.rules.compactMap { rule in
            let forbidden: Double
            let kind: String
            switch rule.kind {
            case .bar(let source, _):
                kind = "bar"
                forbidden = result.allocation.filter { $0.key.source == source && structure.isBarred(source: source, leaf: $0.key.project) }
                    .values.reduce(0, +)
            case .investmentOnly:
                kind = "investment-only"
                forbidden = result.allocation.filter { $0.key.capital == .investment && !structure.capital($0.key.project).contains(.investment) }
                    .values.reduce(0, +)
            default:
                return nil
            }
            return SolveReport.RuleLine(
                id: rule.id, instance: nil, kind: kind, description: wording.ruleDescription(rule), required: 0, achieved: forbidden,
                slack: -forbidden, binding: false, satisfied: forbidden <= 1e-9, shadowPrice: nil, range: nil)
        }
    }

    /// Shadow price of a row and the range of its right-hand side over which it holds.
    ///
    /// A binding (non-basic) row takes its range from GLPK's bound analysis. A slack (basic) row has a zero
    /// shadow price that holds until its limit is tightened to the current activity, where it starts to bind.
    private func rowSensitivity(_ i: Int, report: SensitivityReport, result: PlanSolution) -> (Double?, SolveReport.Range?) {
        let entry = report.rows[i]
        if entry.status != .basic {
            return (entry.marginal, range(lower: entry.lower.activity, upper: entry.upper.activity,
                                          lowerLimit: entry.lower.limitingVariable, upperLimit: entry.upper.limitingVariable, result: result))
        }
        let itself = Variable.row(i)
        switch (entry.bounds.hasFiniteLower, entry.bounds.hasFiniteUpper) {
        case (false, true):
            return (0, range(lower: entry.activity, upper: .infinity, lowerLimit: itself, upperLimit: nil, result: result, itself: itself))
        case (true, false):
            return (0, range(lower: -.infinity, upper: entry.activity, lowerLimit: nil, upperLimit: itself, result: result, itself: itself))
        default: return (0, nil)  // a degenerate basic equality: no range without a second analysis
        }
    }

    private func range(
        lower: Double, upper: Double, lowerLimit: Variable?, upperLimit: Variable?, result: PlanSolution, itself: Variable? = nil
    ) -> SolveReport.Range {
        func name(_ v: Variable?) -> String? {
            guard let v, let compiled = result.compiled else { return nil }
            return compiled.program.name(of: v)
        }
        func text(_ v: Variable?) -> String? {
            guard let v, let compiled = result.compiled else { return nil }
            // A slack limit's range ends where the limit itself starts to bind.
            if v == itself { return words.t("chính ràng buộc này", "this limit itself") }
            switch v {
            case .row(let i): return wording.row(compiled.rows[i])
            case .column(let j): return wording.column(compiled.columns[j], rows: compiled.rows)
            }
        }
        return SolveReport.Range(
            lower: lower.isFinite ? lower : nil, upper: upper.isFinite ? upper : nil,
            lowerLimit: lower.isFinite ? name(lowerLimit) : nil, upperLimit: upper.isFinite ? name(upperLimit) : nil,
            lowerLimitText: lower.isFinite ? text(lowerLimit) : nil, upperLimitText: upper.isFinite ? text(upperLimit) : nil)
    }

    private func diagnosisReport(_ diagnosis: Diagnosis) -> SolveReport.DiagnosisReport {
        SolveReport.DiagnosisReport(
            totalRepair: diagnosis.totalRepair,
            repairs: diagnosis.repairs.map {
                SolveReport.RepairLine(kind: $0.kind.rawValue, subject: $0.subject, instance: $0.instance, amount: $0.amount,
                                       requiredRatio: $0.requiredRatio, reachedRatio: $0.reachedRatio, text: wording.repair($0))
            },
            conflicts: diagnosis.conflicts.map {
                SolveReport.ConflictLine(kind: $0.kind.rawValue, subject: $0.subject, detail: $0.detail, text: wording.conflict($0))
            })
    }
}
