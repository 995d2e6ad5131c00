/// A chart of several panels sharing one x axis (a sweep: allocation per project, objective value), with
/// vertical markers (breakpoints) on every panel. Language-free: every label is a Message, so the same
/// chart renders in Vietnamese or English and can be kept as JSON like a report.
public struct LineChart: Sendable, Equatable, Codable {
    /// One sample of a series. Points that are not finite (NaN, ±∞) are kept in the model, since they
    /// are what a sweep produced, but a renderer leaves them out.
    public struct Point: Sendable, Equatable, Codable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// One line: a project's allocation, or the objective value. Points are drawn in the order given
    /// (a sweep gives them in increasing x).
    public struct Series: Sendable, Equatable, Codable {
        /// A stable id (a project code) for tools reading the model; never shown.
        public var id: String
        public var name: Message
        public var points: [Point]

        public init(id: String, name: Message, points: [Point]) {
            self.id = id
            self.name = name
            self.points = points
        }
    }

    /// One plot with its own y axis; every panel of a chart shares the x axis.
    public struct Panel: Sendable, Equatable, Codable {
        public var id: String
        public var title: Message
        public var yLabel: Message
        public var series: [Series]

        public init(id: String, title: Message, yLabel: Message, series: [Series]) {
            self.id = id
            self.title = title
            self.yLabel = yLabel
            self.series = series
        }
    }

    /// A vertical line at `x` on every panel: where the optimal allocation changes its shape.
    public struct Marker: Sendable, Equatable, Codable {
        public var x: Double
        public var label: Message

        public init(x: Double, label: Message) {
            self.x = x
            self.label = label
        }
    }

    public var title: Message
    /// The varied parameter, with its unit ("central budget available, million VND").
    public var xLabel: Message
    public var panels: [Panel]
    public var markers: [Marker]

    public init(title: Message, xLabel: Message, panels: [Panel], markers: [Marker] = []) {
        self.title = title
        self.xLabel = xLabel
        self.panels = panels
        self.markers = markers
    }
}
