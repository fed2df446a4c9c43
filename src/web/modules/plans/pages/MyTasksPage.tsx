import { TaskListPage } from './TaskListPage';

export default function MyTasksPage() {
  return <TaskListPage mode="mine" />;
}
