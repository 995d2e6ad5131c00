import Foundation
import Testing
@testable import CoFund

/// The area table's distribution columns (issue 11): zones, yes/no flags and the counts the criteria
/// read, and every bad cell refused at its line and column in both languages.
@Suite("Area tables: zones, flags and counts")
struct DistributionAreaTableTests {
    static func parse(_ text: String) throws -> AreaTable { try AreaTableLoader.parse(text: text, file: "areas.csv") }

    static func errors(_ text: String) -> [PlanError] {
        do {
            _ = try parse(text)
        } catch let error as PlanError {
            return [error]
        } catch let errors as PlanErrors {
            return errors.errors
        } catch {
            Issue.record("unexpected error \(error)")
            return []
        }
        Issue.record("the table was accepted")
        return []
    }

    /// Every spelling of yes (1, x, yes, true, có) and of no (0, empty, no, false, không); zones in upper and
    /// lower case.
    @Test func flagsAndZonesAreRead() throws {
        let table = try Self.parse("""
            id,name,zone,border,island,safe_zone,extremely_difficult,poor_district,difficult_villages
            a,A,I,1,x,yes,true,có,0
            b,B,ii,0,,no,false,không,4
            c,C,III,X,YES,,,,1
            d,D,,,,,,,

            """)
        let classes = table.rows.map(\.classes)
        #expect(classes[0] == [.zoneI, .border, .island, .safeZone, .extremelyDifficult, .poorDistrict])
        #expect(classes[1] == [.zoneII])
        #expect(classes[2] == [.zoneIII, .border, .island])
        #expect(classes[3] == [])
        #expect(table.rows[1].figures["difficult_villages"]?.value == 4)
        // A zone or flag column is text, never a figure.
        #expect(table.rows[0].figures["zone"] == nil && table.rows[0].figures["border"] == nil)
    }

    /// Line 3 (b), column 3 (zone): IV is not a zone.
    @Test func aBadZone() {
        let errors = Self.errors("id,name,zone\na,A,I\nb,B,IV\n")
        #expect(errors.count == 1)
        let error = errors.first
        #expect(error?.message == Message(.areaNotAZone, .text("IV")))
        #expect(error?.location == CoFund.SourceLocation(file: "areas.csv", line: 3, column: 3))
        #expect(error?.field == "zone")
        #expect(error?.text(Localizer(.en)) == "areas.csv:3:3: zone: 'IV' is not a zone: write I, II or III (khu vực I, II, III), or leave it empty")
        #expect(error?.text(Localizer(.vi)) == "areas.csv:3:3: zone: 'IV' không phải khu vực: hãy ghi I, II hoặc III (khu vực I, II, III), hoặc để trống")
    }

    /// Line 2, column 4 (border): "maybe" is neither yes nor no.
    @Test func aBadFlag() {
        let errors = Self.errors("id,name,zone,border\na,A,I,maybe\n")
        #expect(errors.count == 1)
        let error = errors.first
        #expect(error?.message == Message(.areaNotAFlag, .text("maybe")))
        #expect(error?.location == CoFund.SourceLocation(file: "areas.csv", line: 2, column: 4))
        #expect(error?.field == "border")
        #expect(error?.text(Localizer(.en)) == "areas.csv:2:4: border: 'maybe' is neither yes nor no: write 1 or x for yes, 0 or leave it empty for no")
        #expect(error?.text(Localizer(.vi)) == "areas.csv:2:4: border: 'maybe' không phải có hay không: ghi 1 hoặc x là có, ghi 0 hoặc để trống là không")
    }

    /// Line 3, column 3: 1.5 extremely difficult villages is not a count.
    @Test func aFractionalVillageCount() {
        let errors = Self.errors("id,name,difficult_villages\na,A,2\nb,B,1.5\n")
        #expect(errors.count == 1)
        let error = errors.first
        #expect(error?.message.key == .areaFractionalCount)
        #expect(error?.location == CoFund.SourceLocation(file: "areas.csv", line: 3, column: 3))
        #expect(error?.field == "difficult_villages")
        let en = error?.text(Localizer(.en)) ?? "", vi = error?.text(Localizer(.vi)) ?? ""
        #expect(en.hasPrefix("areas.csv:3:3: difficult_villages: ") && en.contains("1.5"), "\(en)")
        #expect(vi.hasPrefix("areas.csv:3:3: difficult_villages: ") && vi != en, "\(vi)")
    }

    /// ethnic_households is a count too: a negative one is refused.
    @Test func aNegativeEthnicHouseholdCount() {
        let errors = Self.errors("id,name,ethnic_households\na,A,-3\n")
        #expect(errors.map(\.message.key) == [.areaNegativeCount])
        #expect(errors.first?.location == CoFund.SourceLocation(file: "areas.csv", line: 2, column: 3))
    }

    /// Several bad cells are all reported at once, each at its own place.
    @Test func everyBadCellAtOnce() {
        let errors = Self.errors("id,name,zone,island,difficult_villages\na,A,4,maybe,0.5\n")
        #expect(errors.map(\.message.key) == [.areaNotAZone, .areaNotAFlag, .areaFractionalCount])
        #expect(errors.map(\.location.column) == [3, 4, 5])
    }
}
