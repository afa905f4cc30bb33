// The worker thread of startAnalysis (project-analysis.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { analyzeForReplay, type AnalysisRequest } from './project-analysis.js';

parentPort?.postMessage(analyzeForReplay(workerData as AnalysisRequest));
