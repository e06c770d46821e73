export { detachedClock, realClock, type Clock } from './clock';
export { createTask, type Task, type TaskOptions } from './task';
