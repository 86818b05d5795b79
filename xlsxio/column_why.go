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
