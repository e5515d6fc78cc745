import Foundation
@testable import Scheduling
import Testing

@Suite struct ScheduleStateTests {
    let staggered = JobSchedule.three("0 2 * * *", "15 2 * * *", "30 2 * * *")

    @Test func freshStartRunsNothingUntilTheFirstTime() {
        let state = ScheduleState(schedule: .standard, started: at("2026-11-24T01:00:00Z"))
        #expect(state.due(at: at("2026-11-24T01:59:59Z")).isEmpty)
        #expect(state.nextWake(after: at("2026-11-24T01:00:00Z")) == at("2026-11-24T02:00:00Z"))
        #expect(state.due(at: at("2026-11-24T02:00:00Z")).map(\.kind) == ["forecast", "plan", "execute"])
        #expect(state.due(at: at("2026-11-24T02:00:00Z")).allSatisfy { $0.trigger == .schedule })
    }

    @Test func runsAreRecordedAndNotDueAgain() {
        var state = ScheduleState(schedule: .standard, started: at("2026-11-24T01:00:00Z"))
        for run in state.due(at: at("2026-11-24T02:00:01Z")) { state.record(run) }
        #expect(state.due(at: at("2026-11-24T05:00:00Z")).isEmpty)
        #expect(state.nextWake(after: at("2026-11-24T05:00:00Z")) == at("2026-11-25T02:00:00Z"))
    }

    @Test func threeDaysDownAreOneCatchUpPerJob() {
        let recorded = at("2026-11-21T02:00:00Z")
        let state = ScheduleState(schedule: staggered, started: at("2026-11-24T09:00:00Z"),
                                  lastScheduled: ["forecast": recorded, "plan": at("2026-11-21T02:15:00Z"), "execute": at("2026-11-21T02:30:00Z")])
        let due = state.due(at: at("2026-11-24T09:00:00Z"))
        #expect(due == [
            DueRun(kind: "forecast", scheduledFor: at("2026-11-24T02:00:00Z"), trigger: .catchUp),
            DueRun(kind: "plan", scheduledFor: at("2026-11-24T02:15:00Z"), trigger: .catchUp),
            DueRun(kind: "execute", scheduledFor: at("2026-11-24T02:30:00Z"), trigger: .catchUp),
        ])
    }

    @Test func orderWithinOneInstantFollowsTheData() {
        let schedule = JobSchedule.three("0 3 * * *", "0 1 * * *", "0 2 * * *")
        let state = ScheduleState(schedule: schedule, started: at("2026-11-24T00:00:00Z"))
        #expect(state.due(at: at("2026-11-24T04:00:00Z")).map(\.kind) == ["forecast", "plan", "execute"])
    }

    @Test func aMinutelyJobAfterAYearDownIsOneRun() {
        let minutely = JobSchedule.three("* * * * *", "* * * * *", "* * * * *")
        let state = ScheduleState(schedule: minutely, started: at("2026-11-24T09:00:30Z"),
                                  lastScheduled: ["forecast": at("2025-11-24T09:00:00Z")])
        let due = state.due(at: at("2026-11-24T09:00:30Z"))
        #expect(due.first == DueRun(kind: "forecast", scheduledFor: at("2026-11-24T09:00:00Z"), trigger: .catchUp))
        #expect(due.count == 1, "plan and execute were never recorded: they count from the start")
        #expect(state.nextWake(after: at("2026-11-24T09:00:30Z")) == at("2026-11-24T09:01:00Z"))
    }

    @Test func aTimeRecordedElsewhereIsNotDue() {
        var state = ScheduleState(schedule: .standard, started: at("2026-11-24T01:00:00Z"))
        state.merge(["forecast": at("2026-11-24T02:00:00Z"), "plan": at("2026-11-23T02:00:00Z")])
        #expect(state.due(at: at("2026-11-24T02:00:05Z")).map(\.kind) == ["plan", "execute"])
        #expect(state.lastScheduled["plan"] == at("2026-11-23T02:00:00Z"))
    }

    @Test func disabledDecidesNothing() {
        var schedule = JobSchedule.standard
        schedule.enabled = false
        let state = ScheduleState(schedule: schedule, started: at("2026-11-24T01:00:00Z"))
        #expect(state.due(at: at("2026-11-25T03:00:00Z")).isEmpty)
        #expect(state.nextWake(after: at("2026-11-24T01:00:00Z")) == nil)
    }

    @Test func wakesInTheZone() {
        var schedule = JobSchedule.standard
        schedule.timeZone = zone("Europe/Berlin")
        let state = ScheduleState(schedule: schedule, started: at("2026-03-28T12:00:00Z"))
        #expect(state.nextWake(after: at("2026-03-28T12:00:00Z")) == at("2026-03-29T01:00:00Z"), "02:00 is skipped: run at the jump")
    }
}
