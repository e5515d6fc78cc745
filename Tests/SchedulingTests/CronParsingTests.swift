import Foundation
@testable import Scheduling
import Testing

@Suite struct CronParsingTests {
    func problem(_ text: String) -> String {
        do {
            _ = try CronExpression(parsing: text)
            return "no error"
        } catch {
            return error.description
        }
    }

    @Test func badValuesNameTheFieldAndTheValue() {
        #expect(problem("0 24 * * *") == "cron field 2 (hour): 24 is outside 0-23")
        #expect(problem("60 2 * * *") == "cron field 1 (minute): 60 is outside 0-59")
        #expect(problem("0 2 0 * *") == "cron field 3 (day-of-month): 0 is outside 1-31")
        #expect(problem("0 2 * 13 *") == "cron field 4 (month): 13 is outside 1-12")
        #expect(problem("0 2 * * 8") == "cron field 5 (day-of-week): 8 is outside 0-7")
        #expect(problem("0 2 * FOO *")
            == "cron field 4 (month): 'FOO' is not a number or a name (JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC)")
        #expect(problem("x 2 * * *") == "cron field 1 (minute): 'x' is not a number")
        #expect(problem("0 5-2 * * *") == "cron field 2 (hour): range '5-2' runs backwards (5 is after 2)")
        #expect(problem("*/0 2 * * *")
            == "cron field 1 (minute): step '0' in '*/0' must be a whole number of at least 1")
        #expect(problem("*/90 2 * * *") == "cron field 1 (minute): step 90 in '*/90' is larger than the range 0-59")
        #expect(problem("1,,2 2 * * *") == "cron field 1 (minute): empty list item in '1,,2'")
        #expect(problem("-1 2 * * *") == "cron field 1 (minute): -1 is outside 0-59")
        #expect(problem("0 2 * *")
            == "cron expression '0 2 * *' has 4 fields; expected 5 (minute hour day-of-month month day-of-week)")
        #expect(problem("") == "cron expression '' has 0 fields; expected 5 (minute hour day-of-month month day-of-week)")
        #expect(problem("0 2 * * * *").hasPrefix("cron expression '0 2 * * * *' has 6 fields"))
    }

    @Test func listsRangesStepsAndNames() {
        let expression = cron("*/15 1-5/2 1,15 jan-MAR mon-fri")
        #expect(CronExpression.values(expression.minutes, in: 0...59) == [0, 15, 30, 45])
        #expect(CronExpression.values(expression.hours, in: 0...23) == [1, 3, 5])
        #expect(CronExpression.values(expression.daysOfMonth, in: 1...31) == [1, 15])
        #expect(CronExpression.values(expression.months, in: 1...12) == [1, 2, 3])
        #expect(CronExpression.values(expression.daysOfWeek, in: 0...6) == [1, 2, 3, 4, 5])
        #expect(CronExpression.values(cron("10/20 * * * *").minutes, in: 0...59) == [10, 30, 50])
        #expect(expression.text == "*/15 1-5/2 1,15 jan-MAR mon-fri")
    }

    @Test func zeroAndSevenAreBothSunday() {
        #expect(cron("0 0 * * 7").daysOfWeek == cron("0 0 * * 0").daysOfWeek)
        #expect(cron("0 0 * * 5-7").daysOfWeek == cron("0 0 * * FRI,SAT,SUN").daysOfWeek)
    }

    @Test func nightlyIsTheParsedExpression() {
        #expect(CronExpression.nightly == cron("0 2 * * *"))
        #expect(CronExpression.weekly == cron("0 2 * * 0"))
        #expect(CronExpression.hourly(minute: 7) == cron("7 * * * *"))
        #expect(JobSchedule.standard.cron(for: "plan") == cron("0 2 * * *"))
    }
}
