import { useStore } from 'zustand';
import { api } from '../../app';
import { createRewardStore, type RewardActions, type RewardState } from '../../stores/rewardStore';

/** The running app's reward store, on the app's one client. */
export const rewardStore = createRewardStore(api);
export const useReward = <T>(select: (s: RewardState & RewardActions) => T): T => useStore(rewardStore, select);
