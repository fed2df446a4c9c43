import { TaskListPage } from './TaskListPage';

export default function OverdueTasksPage() {
  return <TaskListPage mode="overdue" />;
}
