/** The queue's one source of time and timers; tests and the benchmark drive it with a simulated clock. */
export { realClock as realScheduler, type Clock as Scheduler } from '../schedule';
