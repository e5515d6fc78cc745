public import Jobs
public import ServiceLifecycle

/// The job scheduler as a service of the application: it runs beside the HTTP server and, on
/// graceful shutdown, is cancelled so it starts nothing new and lets a running job finish
/// within its grace period (``JobScheduler/shutdownGraceSeconds``).
public struct SchedulerService: Service {
    public let scheduler: JobScheduler

    public init(scheduler: JobScheduler) {
        self.scheduler = scheduler
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await scheduler.run()
        }
    }
}

/// The pool's event watcher as a service: on each provider event it runs the execute job
/// (``PoolEventWatcher``); on graceful shutdown it stops listening.
public struct PoolEventService: Service {
    public let watcher: PoolEventWatcher

    public init(watcher: PoolEventWatcher) {
        self.watcher = watcher
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await watcher.run()
        }
    }
}
