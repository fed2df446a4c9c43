import ExcelJS from 'exceljs';
import { AlignmentType, BorderStyle, Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import type { TTask } from './plans.schemas.ts';

export interface PlanForExport {
  number: string | null;
  title: string;
  issuer: string | null;
  place: string | null;
  issuedOn: string | null;
  progress: { tasks: number; done: number; inProgress: number; overdue: number; cannotDo: number };
  tasks: TTask[];
}

const statusLabel: Record<TTask['status'], string> = {
  not_started: 'Chưa thực hiện',
  in_progress: 'Đang thực hiện',
  done: 'Đã hoàn thành',
  cannot_do: 'Không thực hiện được',
};

const vnDate = (iso: string | null) => (iso ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : '');
const agenciesOf = (t: TTask, role: 'lead' | 'coordinating') =>
  t.agencies
    .filter((a) => a.role === role)
    .map((a) => a.agencyName)
    .join('; ');

/** The plan's tasks with their status, one row per task, ready for filtering in Excel. */
export async function planToXlsx(plan: PlanForExport, today: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Đồng Thuận';
  wb.created = new Date();
  const ws = wb.addWorksheet('Nhiệm vụ', { views: [{ state: 'frozen', ySplit: 4 }] });
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = `Kế hoạch ${plan.number ?? ''}: ${plan.title}`.trim();
  ws.getCell('A1').font = { bold: true, size: 13 };
  ws.mergeCells('A2:I2');
  ws.getCell('A2').value = `Tình hình thực hiện đến ngày ${vnDate(today)}: ${plan.progress.done}/${plan.progress.tasks} nhiệm vụ hoàn thành, ${plan.progress.overdue} quá hạn.`;
  const header = ['STT', 'Nội dung nhiệm vụ', 'Cơ quan chủ trì', 'Cơ quan phối hợp', 'Thời gian', 'Hạn gần nhất', 'Trạng thái', 'Quá hạn', 'Sản phẩm'];
  ws.getRow(4).values = header;
  ws.getRow(4).font = { bold: true };
  ws.getRow(4).alignment = { vertical: 'middle', horizontal: 'center', wrapText: true };
  ws.columns = [{ width: 7 }, { width: 60 }, { width: 32 }, { width: 32 }, { width: 18 }, { width: 14 }, { width: 18 }, { width: 10 }, { width: 40 }];
  for (const t of plan.tasks) {
    const row = ws.addRow([t.ref, t.title, agenciesOf(t, 'lead'), agenciesOf(t, 'coordinating'), t.timeline.text ?? '', vnDate(t.nextDue), statusLabel[t.status], t.overdue ? 'Có' : '', t.outputs ?? '']);
    row.alignment = { vertical: 'top', wrapText: true };
    if (t.overdue) row.getCell(8).font = { color: { argb: 'FFC00000' }, bold: true };
  }
  ws.autoFilter = { from: { row: 4, column: 1 }, to: { row: 4 + plan.tasks.length, column: header.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const font = 'Times New Roman';
const run = (text: string, opts: { bold?: boolean; italics?: boolean; size?: number } = {}) =>
  new TextRun({ text, font, size: (opts.size ?? 13) * 2, ...(opts.bold ? { bold: true } : {}), ...(opts.italics ? { italics: true } : {}) });
const para = (children: TextRun[], align: (typeof AlignmentType)[keyof typeof AlignmentType] = AlignmentType.LEFT) => new Paragraph({ children, alignment: align });
const cell = (text: string, opts: { bold?: boolean; width?: number } = {}) =>
  new TableCell({
    children: [para([run(text, { bold: opts.bold ?? false, size: 12 })])],
    ...(opts.width ? { width: { size: opts.width, type: WidthType.PERCENTAGE } } : {}),
  });
const noBorder = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };

/**
 * A progress report of the plan in the form of Decree 30/2020/NĐ-CP: issuer and national motto
 * side by side, place and date, title, then the task table. Times New Roman throughout.
 */
export async function planToDocx(plan: PlanForExport, today: string, reporter: string): Promise<Buffer> {
  const [y, m, d] = [today.slice(0, 4), today.slice(5, 7), today.slice(8, 10)];
  const headerTable = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    borders: { top: noBorder, bottom: noBorder, left: noBorder, right: noBorder, insideHorizontal: noBorder, insideVertical: noBorder },
    rows: [
      new TableRow({
        children: [
          new TableCell({
            width: { size: 40, type: WidthType.PERCENTAGE },
            children: [para([run(reporter.toUpperCase(), { bold: true, size: 13 })], AlignmentType.CENTER), para([run('———', { size: 13 })], AlignmentType.CENTER)],
          }),
          new TableCell({
            width: { size: 60, type: WidthType.PERCENTAGE },
            children: [
              para([run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: 13 })], AlignmentType.CENTER),
              para([run('Độc lập - Tự do - Hạnh phúc', { bold: true, size: 14 })], AlignmentType.CENTER),
              para([run('———————', { size: 13 })], AlignmentType.CENTER),
            ],
          }),
        ],
      }),
      new TableRow({
        children: [
          new TableCell({ children: [para([run('')])] }),
          new TableCell({ children: [para([run(`${plan.place ?? ''}, ngày ${d} tháng ${m} năm ${y}`.replace(/^, /, ''), { italics: true, size: 14 })], AlignmentType.CENTER)] }),
        ],
      }),
    ],
  });
  const taskTable = new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({
        tableHeader: true,
        children: [cell('STT', { bold: true, width: 7 }), cell('Nhiệm vụ', { bold: true, width: 43 }), cell('Chủ trì', { bold: true, width: 20 }), cell('Hạn', { bold: true, width: 12 }), cell('Tình hình', { bold: true, width: 18 })],
      }),
      ...plan.tasks.map(
        (t) =>
          new TableRow({
            children: [cell(t.ref), cell(t.title), cell(agenciesOf(t, 'lead')), cell(vnDate(t.nextDue)), cell(`${statusLabel[t.status]}${t.overdue ? ' (quá hạn)' : ''}`)],
          }),
      ),
    ],
  });
  const doc = new Document({
    creator: 'Đồng Thuận',
    title: `Tình hình thực hiện Kế hoạch ${plan.number ?? ''}`,
    styles: { default: { document: { run: { font, size: 28 } } } },
    sections: [
      {
        properties: { page: { margin: { top: 1134, bottom: 1134, left: 1701, right: 850 } } },
        children: [
          headerTable,
          para([run('')]),
          para([run('BÁO CÁO', { bold: true, size: 14 })], AlignmentType.CENTER),
          para([run(`Tình hình thực hiện Kế hoạch ${plan.number ? `số ${plan.number}` : ''}`.trim(), { bold: true, size: 14 })], AlignmentType.CENTER),
          para([run(plan.title, { bold: true, size: 14 })], AlignmentType.CENTER),
          para([run('')]),
          para([
            run(
              `Đến ngày ${vnDate(today)}, kế hoạch có ${plan.progress.tasks} nhiệm vụ: ${plan.progress.done} đã hoàn thành, ${plan.progress.inProgress} đang thực hiện, ${plan.progress.cannotDo} không thực hiện được, ${plan.progress.overdue} quá hạn.`,
              { size: 14 },
            ),
          ]),
          para([run('')]),
          taskTable,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}
