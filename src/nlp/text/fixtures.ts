/**
 * A small hand-written labelled set for the classifier tests (written for this project,
 * no corpus text): citizens' comments and press-style sentences about provincial policy,
 * labelled positive / negative / neutral. `FIXTURE_TRAIN` trains, `FIXTURE_HELDOUT` checks.
 */
import type { Example } from './classifier.ts';

const pos = (text: string): Example => ({ text, label: 'positive' });
const neg = (text: string): Example => ({ text, label: 'negative' });
const neu = (text: string): Example => ({ text, label: 'neutral' });

export const FIXTURE_TRAIN: Example[] = [
  pos('Thủ tục cấp đổi giấy phép lái xe giờ nhanh quá, cảm ơn cán bộ một cửa rất nhiệt tình'),
  pos('Đường mới làm đẹp lắm, dân mình đi lại thuận tiện hơn nhiều'),
  pos('Cảm ơn UBND phường đã hỗ trợ kịp thời bà con vùng lũ'),
  pos('Chính sách hỗ trợ học phí rất thiết thực, gia đình tôi rất vui'),
  pos('Bệnh viện tỉnh phục vụ chu đáo, bác sĩ tận tâm, rất hài lòng'),
  pos('Dịch vụ công trực tuyến tiện lợi, nộp hồ sơ ở nhà cũng được'),
  pos('Tuyệt vời, cuối cùng cầu cũng thông xe đúng hẹn'),
  pos('Cán bộ xã giải quyết hồ sơ nhanh gọn, thái độ niềm nở'),
  pos('Rất ủng hộ chủ trương trồng thêm cây xanh trong thành phố'),
  pos('Công viên mới sạch đẹp, trẻ con có chỗ vui chơi, cảm ơn tỉnh'),
  pos('Chương trình tiêm chủng tổ chức khoa học, không phải chờ lâu'),
  pos('Hài lòng với cách phường xử lý rác thải, khu phố sạch hẳn'),
  pos('Giáo viên nhiệt tình, con tôi tiến bộ rõ rệt, cảm ơn nhà trường'),
  pos('Điện được kéo về tận bản, bà con phấn khởi lắm'),
  pos('Chính quyền lắng nghe ý kiến người dân, rất đáng khen'),
  pos('Tỉnh làm tốt lắm, mong tiếp tục phát huy'),
  neg('Hồ sơ nộp hai tháng rồi vẫn chưa có kết quả, quá chậm'),
  neg('Đường ngập nặng mỗi khi mưa, phản ánh mãi không ai giải quyết'),
  neg('Cán bộ tiếp dân thái độ hách dịch, rất bức xúc'),
  neg('Dự án treo cả chục năm, dân khổ vì không xây được nhà'),
  neg('Rác thải ùn ứ khắp khu dân cư, mùi hôi không chịu nổi'),
  neg('Giá điện tăng vô lý, người dân rất thất vọng'),
  neg('Bệnh viện quá tải, chờ khám cả ngày, dịch vụ tệ'),
  neg('Tiền đền bù giải phóng mặt bằng quá thấp, không công bằng'),
  neg('Trang dịch vụ công lỗi liên tục, không nộp được hồ sơ'),
  neg('Xe tải chạy ầm ầm suốt đêm, đường xuống cấp nghiêm trọng'),
  neg('Thủ tục rườm rà, đi lại nhiều lần vẫn không xong, mệt mỏi'),
  neg('Ô nhiễm nguồn nước do nhà máy xả thải, chính quyền làm ngơ'),
  neg('Học phí tăng quá cao, nhiều gia đình không kham nổi'),
  neg('Đèn đường hỏng cả tháng, ban đêm tối om rất nguy hiểm'),
  neg('Công trình chậm tiến độ, bụi bặm khổ dân'),
  neg('Thật đáng thất vọng, hứa mãi mà không làm'),
  neu('UBND tỉnh ban hành kế hoạch truyền thông chính sách năm 2024'),
  neu('Sở Y tế tổ chức hội nghị triển khai nhiệm vụ năm'),
  neu('Hạn chót nộp hồ sơ là ngày 15 tháng 11'),
  neu('Lịch tiếp công dân được niêm yết tại trụ sở phường'),
  neu('Cuộc họp báo định kỳ diễn ra vào sáng thứ sáu'),
  neu('Dự thảo nghị quyết được đăng tải để lấy ý kiến nhân dân'),
  neu('Cho hỏi thủ tục đăng ký thường trú cần giấy tờ gì'),
  neu('Thông báo lịch cắt điện khu vực trung tâm thành phố'),
  neu('Hội đồng nhân dân tỉnh khai mạc kỳ họp thứ mười'),
  neu('Sở Giáo dục công bố lịch thi tuyển sinh lớp 10'),
  neu('Văn bản số 151 gửi các sở, ban, ngành để thực hiện'),
  neu('Cho tôi hỏi địa chỉ bộ phận một cửa của huyện ở đâu'),
  neu('Tỉnh có 34 đơn vị hành chính cấp xã sau sắp xếp'),
  neu('Kế hoạch được triển khai trong giai đoạn 2023 đến 2025'),
  neu('Báo cáo tổng hợp gửi về Sở trước ngày 20 tháng 11'),
  neu('Đoàn công tác làm việc với huyện về công tác chuyển đổi số'),
];

export const FIXTURE_HELDOUT: Example[] = [
  pos('Cảm ơn cán bộ phường rất nhiệt tình hỗ trợ người dân'),
  pos('Đường sạch đẹp, đi lại thuận tiện, rất hài lòng'),
  pos('Dịch vụ công trực tuyến nhanh và tiện lợi quá'),
  neg('Hồ sơ chậm quá, chờ mãi không có kết quả, bức xúc'),
  neg('Rác ùn ứ, ô nhiễm, chính quyền không giải quyết'),
  neg('Thái độ cán bộ hách dịch, thủ tục rườm rà'),
  neu('Sở Tư pháp tổ chức hội nghị triển khai kế hoạch năm 2025'),
  neu('Cho hỏi lịch tiếp công dân của phường'),
  neu('Dự thảo quyết định được đăng tải để lấy ý kiến'),
];
