/** Processing workflows of procedures: definitions and the editor's checks (issue 6, item 4). */
export {
  ProcessDefinition,
  ProcessStep,
  totalHours,
  validateProcess,
  type ProcessIssue,
} from './process.js';
