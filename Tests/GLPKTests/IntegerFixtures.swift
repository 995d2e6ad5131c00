import GeneratedPlans
import LinearProgramming

/// Integer programs shared by the integer tests. Optima are derived by hand next to each one.
enum IntegerFixtures {
    /// The program with the named columns (all when nil) made integer.
    static func integer(_ program: LinearProgram, _ names: Set<String>? = nil) -> LinearProgram {
        var program = program
        for j in program.columns.indices where names?.contains(program.columns[j].name) ?? true {
            program.columns[j].isInteger = true
        }
        return program
    }

    /// max 10a + 13b + 7c + 8d, weights 3a + 4b + 2c + 3d <= 7, binary. The sets that fit: {a,b} 23 (weight 7),
    /// {b,d} 21, {b,c} 20, {a,d} 18, {a,c} 17, {c,d} 15, singles less, and three items weigh at least 8: the
    /// optimum is a = b = 1, 23. The relaxation takes c, a (ratios 3.5, 3.33) and half of b: 7 + 10 + 6.5 = 23.5.
    static let knapsack = integer(makeProgram(
        "knapsack", sense: .maximize,
        columns: [("a", .between(0, 1), 10), ("b", .between(0, 1), 13), ("c", .between(0, 1), 7), ("d", .between(0, 1), 8)],
        rows: [("weight", .atMost(7), [(0, 3), (1, 4), (2, 2), (3, 3)])]))

    /// max y + 0.01x, -x + y <= 1, 3x + 2y <= 12, 2x + 3y <= 12, x, y >= 0 integer. The relaxation's optimum is
    /// the vertex of the first and third rows, (1.8, 2.8), 2.818; rounding it to (2, 3) breaks the third row.
    /// y = 3 needs x >= 2 (first row) and x <= 1.5 (third): impossible; y = 2 allows x in {1, 2} (x = 3 breaks the
    /// second row), so the optimum is (2, 2), 2.02, with row activities 0, 10, 10.
    static let roundingTrap = integer(makeProgram(
        "roundingtrap", sense: .maximize,
        columns: [("x", .nonNegative, 0.01), ("y", .nonNegative, 1)],
        rows: [
            ("r1", .atMost(1), [(0, -1), (1, 1)]),
            ("r2", .atMost(12), [(0, 3), (1, 2)]),
            ("r3", .atMost(12), [(0, 2), (1, 3)]),
        ]))

    /// min 3x - 2y + z + 5, x integer in [-3.5, 4] (so [-3, 4]), y integer >= -2, z >= 0 continuous;
    /// x + y + z >= 2.5, -x + y <= 2.5, x + 2y <= 7.3. For each x the best y is the largest allowed,
    /// min(x + 2, ⌊(7.3 - x)/2⌋), and z = max(0, 2.5 - x - y):
    ///   x = -3: y = -1, z = 6.5, 4.5;  x = -2: y = 0, z = 4.5, 3.5;  x = -1: y = 1, z = 2.5, 2.5;
    ///   x = 0: y = 2, z = 0.5, 1.5;    x = 1: y = 3, z = 0, 2;       x = 2: y = 2, z = 0, 7 (and up from there).
    /// Optimum x = 0, y = 2, z = 0.5, objective 1.5 (constant included); row activities 2.5, 2, 4.
    static let mixed = integer(makeProgram(
        "mixed", sense: .minimize, constant: 5,
        columns: [("x", .between(-3.5, 4), 3), ("y", .atLeast(-2), -2), ("z", .nonNegative, 1)],
        rows: [
            ("cover", .atLeast(2.5), [(0, 1), (1, 1), (2, 1)]),
            ("gap", .atMost(2.5), [(0, -1), (1, 1)]),
            ("cap", .atMost(7.3), [(0, 1), (1, 2)]),
        ]), ["x", "y"])

    /// max x, x integer in [0.5, 3.7] (so [1, 3]), with a row x + y <= 10 that does not bind: x = 3.
    static let fractionalBounds = integer(makeProgram(
        "fractional", sense: .maximize,
        columns: [("x", .between(0.5, 3.7), 1), ("y", .nonNegative, 0)],
        rows: [("room", .atMost(10), [(0, 1), (1, 1)])]), ["x"])

    /// x + y >= 5 and x + y <= 4: even the relaxation is infeasible.
    static let infeasibleRelaxation = integer(makeProgram(
        "infeasible", sense: .minimize,
        columns: [("x", .nonNegative, 1), ("y", .nonNegative, 1)],
        rows: [("low", .atLeast(5), [(0, 1), (1, 1)]), ("high", .atMost(4), [(0, 1), (1, 1)])]))

    /// max x + y, x - y <= 1.5, x, y >= 0 integer: (0, 0) is an integer point and (k, k) for every k.
    static let unbounded = integer(makeProgram(
        "unbounded", sense: .maximize,
        columns: [("x", .nonNegative, 1), ("y", .nonNegative, 1)],
        rows: [("r", .atMost(1.5), [(0, 1), (1, -1)])]))

    /// max y, 2x = 1 with x integer and free, y continuous and free: the relaxation is unbounded (y alone),
    /// but no integer x has 2x = 1, so the integer program is infeasible, not unbounded.
    static let unboundedRelaxationWithoutIntegerPoint = integer(makeProgram(
        "halves", sense: .maximize,
        columns: [("x", .free, 0), ("y", .free, 1)],
        rows: [("half", .exactly(1), [(0, 2)])]), ["x"])

    /// n binary items (n odd) of weight 2 each under a capacity of n, values 10 + u with u from a seeded
    /// generator: (n - 1)/2 items fit, and the optimum takes the most valuable ones (`equalWeightOptimum`).
    /// The relaxation adds half of the next item, and every subproblem of the search keeps such a half, so
    /// branch and bound without cuts needs exponentially many nodes to prove what is obvious by hand.
    static func equalWeightKnapsack(items n: Int = 41, seed: UInt64 = 12345) -> LinearProgram {
        var generator = SplitMix64(seed: seed)
        let values = (0..<n).map { _ in 10 + (generator.unit() * 10_000).rounded() / 10_000 }
        return integer(LinearProgram(
            name: "equalweights", sense: .maximize,
            columns: values.enumerated().map { Column(name: "x\($0.offset)", bounds: .between(0, 1), objective: $0.element) },
            rows: [Row(name: "cap", bounds: .atMost(Double(n)), terms: (0..<n).map { Term(column: $0, coefficient: 2) })]))
    }

    /// The hand optimum of `equalWeightKnapsack`: the sum of its (n - 1)/2 largest values.
    static func equalWeightOptimum(_ program: LinearProgram) -> Double {
        program.columns.map(\.objective).sorted(by: >).prefix((program.columns.count - 1) / 2).reduce(0, +)
    }

    /// Jeroslow's problem: 2x1 + ... + 2xn = n with n odd and binary x has no integer point (the left side is
    /// even), while every subproblem fixing fewer than about n/2 variables has a feasible relaxation.
    static func jeroslow(items n: Int = 41) -> LinearProgram {
        integer(LinearProgram(
            name: "jeroslow", sense: .maximize,
            columns: (0..<n).map { Column(name: "x\($0)", bounds: .between(0, 1), objective: $0 == 0 ? 1 : 0) },
            rows: [Row(name: "even", bounds: .exactly(Double(n)), terms: (0..<n).map { Term(column: $0, coefficient: 2) })]))
    }
}
