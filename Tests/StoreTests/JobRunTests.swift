import Foundation
import GRDB
import Scheduling
import Store
import Testing

/// Two `AppDatabase`s on one file, as two service processes would have.
struct SharedFile {
    let path: String
    let first: AppDatabase
    let second: AppDatabase

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("jobs-\(UUID().uuidString).sqlite").path
        first = try AppDatabase.open(path: path)
        second = try AppDatabase.open(path: path)
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

@Suite struct JobRunTests {
    let now = Date(timeIntervalSince1970: 1_795_485_600)  // 2026-11-24T02:00:00Z

    @Test func aSecondHolderCannotStartARunningJob() throws {
        let file = try SharedFile()
        defer { file.remove() }
        let run = try file.first.startJobRun("forecast", trigger: .schedule, scheduledFor: now, holder: "a", at: now, leaseSeconds: 60)
        #expect(run.status == .running && run.holder == "a" && run.scheduledFor == now && run.finishedAt == nil)
        #expect(throws: JobRunRefused.running(kind: "forecast", runID: run.id, holder: "a", until: now.addingTimeInterval(60))) {
            try file.second.startJobRun("forecast", trigger: .api, scheduledFor: nil, holder: "b", at: now.addingTimeInterval(30), leaseSeconds: 60)
        }
        #expect(throws: JobRunRefused.self) {
            try file.first.startJobRun("forecast", trigger: .cli, scheduledFor: nil, holder: "a", at: now, leaseSeconds: 60)
        }
        // Another job is not held by the forecast's lease.
        _ = try file.second.startJobRun("plan", trigger: .api, scheduledFor: nil, holder: "b", at: now, leaseSeconds: 60)
        #expect(try file.second.jobRuns().count == 2, "nothing recorded for the refused starts")
    }

    @Test func aScheduledTimeIsRecordedOnce() throws {
        let file = try SharedFile()
        defer { file.remove() }
        let run = try file.first.startJobRun("plan", trigger: .schedule, scheduledFor: now, holder: "a", at: now, leaseSeconds: 60)
        let finished = try file.first.finishJobRun(id: run.id, error: nil, detail: "plan run 3", durationSeconds: 1.5,
                                                   at: now.addingTimeInterval(2))
        #expect(finished?.status == .succeeded && finished?.durationSeconds == 1.5 && finished?.detail == "plan run 3")
        #expect(finished?.finishedAt == now.addingTimeInterval(2))
        #expect(throws: JobRunRefused.alreadyRecorded(kind: "plan", scheduledFor: now, runID: run.id)) {
            try file.second.startJobRun("plan", trigger: .catchUp, scheduledFor: now, holder: "b", at: now.addingTimeInterval(5), leaseSeconds: 60)
        }
        #expect(try file.second.lastScheduledJobTimes() == ["plan": now])
    }

    /// A run still going does not count as done: a second scheduler must not go on to the job
    /// after it (it would plan before the forecast has ended).
    @Test func aRunningRunIsNotAScheduledTimeDone() throws {
        let file = try SharedFile()
        defer { file.remove() }
        let run = try file.first.startJobRun("forecast", trigger: .schedule, scheduledFor: now, holder: "a", at: now, leaseSeconds: 60)
        #expect(try file.second.lastScheduledJobTimes().isEmpty)
        try file.first.finishJobRun(id: run.id, error: nil, detail: nil, durationSeconds: 1, at: now.addingTimeInterval(1))
        #expect(try file.second.lastScheduledJobTimes() == ["forecast": now])
    }

    /// Many threads on two connections race for the same scheduled run: exactly one starts it.
    @Test func racingHoldersStartOneRun() throws {
        let file = try SharedFile()
        defer { file.remove() }
        let started = Counter()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            let database = index.isMultiple(of: 2) ? file.first : file.second
            if (try? database.startJobRun("execute", trigger: .schedule, scheduledFor: now, holder: "h\(index)", at: now,
                                          leaseSeconds: 60)) != nil {
                started.add()
            }
        }
        #expect(started.value == 1)
        #expect(try file.first.jobRuns(kind: "execute").count == 1)
    }

    @Test func anExpiredLeaseIsTakenAndItsRunInterrupted() throws {
        let file = try SharedFile()
        defer { file.remove() }
        let crashed = try file.first.startJobRun("forecast", trigger: .api, scheduledFor: nil, holder: "a", at: now, leaseSeconds: 60)
        #expect(try file.first.renewLease("forecast", holder: "a", at: now.addingTimeInterval(50), seconds: 60))
        #expect(throws: JobRunRefused.self) {
            try file.second.startJobRun("forecast", trigger: .api, scheduledFor: nil, holder: "b", at: now.addingTimeInterval(100), leaseSeconds: 60)
        }
        let later = now.addingTimeInterval(111)
        let next = try file.second.startJobRun("forecast", trigger: .api, scheduledFor: nil, holder: "b", at: later, leaseSeconds: 60)
        let interrupted = try #require(try file.second.jobRun(id: crashed.id))
        #expect(interrupted.status == .interrupted && interrupted.finishedAt == later)
        #expect(interrupted.error?.contains("stopped renewing the lease") == true)
        // The late finish of the crashed holder changes nothing and leaves b's lease alone.
        #expect(try file.first.finishJobRun(id: crashed.id, error: nil, detail: "late", durationSeconds: 200, at: later)?.status == .interrupted)
        #expect(!(try file.first.renewLease("forecast", holder: "a", at: later, seconds: 60)))
        #expect(try file.second.renewLease("forecast", holder: "b", at: later, seconds: 60))
        #expect(try file.first.jobRun(id: next.id)?.status == .running)
    }

    @Test func failuresAndInterruptionsAreRecordedWithTheirReason() throws {
        let database = try AppDatabase.inMemory()
        let failed = try database.startJobRun("forecast", trigger: .cli, scheduledFor: nil, holder: "a", at: now, leaseSeconds: 60)
        try database.finishJobRun(id: failed.id, error: "no traffic is stored yet", detail: nil, durationSeconds: 0.1, at: now)
        let stopped = try database.startJobRun("forecast", trigger: .cli, scheduledFor: nil, holder: "a", at: now, leaseSeconds: 60)
        try database.interruptJobRun(id: stopped.id, reason: "shutdown", durationSeconds: 30, at: now.addingTimeInterval(30))
        #expect(try database.jobRun(id: failed.id)?.status == .failed)
        #expect(try database.jobRun(id: failed.id)?.error == "no traffic is stored yet")
        #expect(try database.jobRun(id: stopped.id)?.status == .interrupted)
        #expect(try database.interruptJobRun(id: 99, reason: "x", durationSeconds: nil, at: now) == nil)
        #expect(try database.jobRun(id: 99) == nil)
        #expect(try database.acquireLease("forecast", holder: "b", at: now, seconds: 10), "both runs released the lease")
    }

    @Test func runsAreListedNewestFirst() throws {
        let database = try AppDatabase.inMemory()
        var ids: [Int64] = []
        for (offset, kind) in (["forecast", "plan", "execute", "forecast"] as [JobKind]).enumerated() {
            let at = now.addingTimeInterval(Double(offset) * 3_600)
            let run = try database.startJobRun(kind, trigger: .schedule, scheduledFor: at, holder: "a", at: at, leaseSeconds: 60)
            try database.finishJobRun(id: run.id, error: nil, detail: nil, durationSeconds: 1, at: at)
            ids.append(run.id)
        }
        #expect(try database.jobRuns().map(\.id) == ids.reversed())
        #expect(try database.jobRuns(limit: 2).map(\.id) == [ids[3], ids[2]])
        #expect(try database.jobRuns(kind: "forecast").map(\.id) == [ids[3], ids[0]])
        #expect(try database.lastScheduledJobTimes()["forecast"] == now.addingTimeInterval(3 * 3_600))
    }
}

final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}
