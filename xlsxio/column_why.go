package xlsxio

import (
	"strings"

	"github.com/bhxh/bhxh/msg"
)

// A column's Why is composed from a small vocabulary (MatchHeader,
// notPeople, computedWhy) around the keywords that matched, and is English
// where a program reads it (inspect's JSON "why"). WhyText gives it in both
// languages for the reports and warnings a person reads: the vocabulary is
// translated outside the quoted keywords, which stay as they are.
var whyVI = []struct{ en, vi string }{
	{computedWhy, "do bhxh tính (báo cáo của chính bhxh): không đọc"},
	// the choices among columns, the unit and code columns (column_choice.go,
	// header_block.go), transposed tables, date groups, bhxh's own CSV:
	// the longer phrases before the words they hold
	{"also read as ", "cũng đọc được là "},
	{" taken instead: ", " được lấy thay: "},
	{"named by --col", "được nêu bằng --col"},
	{" is hidden", " bị ẩn"},
	{"a total, not a breakdown (", "là cột tổng, không phải cột chi tiết ("},
	{"the first of them (give --col to choose)", "cột đầu tiên trong số đó (cho --col để chọn)"},
	{"the innermost name column: ", "cột tên trong cùng: "},
	{" names under it", " tên bên dưới"},
	{"a parent name column (fewer names, merged over its units'); the units are in column ", "cột tên cấp trên (ít tên hơn, gộp qua các đơn vị của nó); các đơn vị nằm ở cột "},
	{"names under ", "tên dưới "},
	{"codes under ", "mã dưới "},
	{" merged over ", " gộp qua "},
	{"the names are in column ", "tên đơn vị nằm ở cột "},
	{"the units' codes across row ", "mã các đơn vị theo hàng ngang ở dòng "},
	{"the units across row ", "các đơn vị theo hàng ngang ở dòng "},
	{" (a transposed table: indicators down column ", " (bảng xoay: chỉ số theo cột "},
	{"a header row over the units' names (row ", "dòng tiêu đề trên tên các đơn vị (dòng "},
	{"the latest date group: current", "nhóm ngày mới nhất: số hiện có"},
	{"a date group a year before ", "nhóm ngày trước "},
	{": same period last year", " một năm: cùng kỳ năm trước"},
	{"a date group neither the latest (", "nhóm ngày không phải mới nhất ("},
	{") nor a year before it: not read", ") cũng không phải một năm trước đó: không đọc"},
	{"a column of bhxh's own CSV report: the input's plan", "cột của báo cáo CSV của chính bhxh: kế hoạch của dữ liệu vào"},
	{"a column of bhxh's own CSV report: the input's prior", "cột của báo cáo CSV của chính bhxh: cùng kỳ năm trước của dữ liệu vào"},
	{"; column ", "; cột "},
	{"column ", "cột "},
	{": a difference or comparison; recomputed", ": là chênh lệch hoặc so sánh; được tính lại"},
	{": sum of mandatory and voluntary; recomputed", ": là tổng bắt buộc và tự nguyện; được tính lại"},
	{": last year's rate; recomputed", ": là tỷ lệ năm trước; được tính lại"},
	{": no plan of ", ": không có kế hoạch cho "},
	{": no target for ", ": không có chỉ tiêu cho "},
	{": no rate of ", ": không có tỷ lệ cho "},
	{"canonical key", "khóa chuẩn"},
	{"empty header", "tiêu đề trống"},
	{"row number", "số thứ tự"},
	{"no keyword matched", "không khớp từ khóa nào"},
	{"names several indicators: ", "ghi nhiều chỉ số: "},
	{"group keywords ", "từ khóa nhóm "},
	{"keywords ", "từ khóa "},
	{"keyword ", "từ khóa "},
	{" under group ", " dưới nhóm "},
	{" with %", " có %"},
	{" but ", " nhưng "},
	{"counts employers (", "đếm đơn vị sử dụng lao động ("},
	{"is money (", "là tiền ("},
	{"), not people", "), không phải số người"},
	{" → " + roleCurrent, " → số hiện có"},
	{" → " + rolePlan, " → kế hoạch"},
	{" → " + rolePrior, " → cùng kỳ năm trước"},
	{" → " + roleTarget, " → chỉ tiêu"},
	{" → " + roleRate, " → tỷ lệ"},
	{" → " + roleDiff, " → chênh lệch"},
}

// WhyText is a column's Why in both languages.
func WhyText(why string) msg.Text {
	if why == "notes" {
		return msg.Text{EN: why, VI: "ghi chú"}
	}
	parts := strings.Split(why, `"`)
	for i := 0; i < len(parts); i += 2 { // outside the quotes
		for _, p := range whyVI {
			parts[i] = strings.ReplaceAll(parts[i], p.en, p.vi)
		}
	}
	return msg.Text{EN: why, VI: strings.Join(parts, `"`)}
}
