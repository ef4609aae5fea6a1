package report

import (
	"context"
	"io"

	"github.com/xuri/excelize/v2"

	"palaute/survey/locale"
)

// RawWorkbook is a survey year's answers one response a row, as the
// disclosure rules let them leave (rule 6): k-anonymous attributes, closed
// answers only, no day and no free text.
type RawWorkbook struct {
	Year *Year
	l    Labels
}

// LoadRaw loads the rows of a survey's year.
func (s *Source) LoadRaw(ctx context.Context, surveyKey string, year int, lang string, cat *locale.Catalog) (*RawWorkbook, error) {
	y, err := s.Load(ctx, surveyKey, year, AllRows)
	if err != nil {
		return nil, err
	}
	return &RawWorkbook{Year: y, l: Labels{Lang: lang, Catalog: cat}}, nil
}

// Write streams the rows into one sheet, with labels in the workbook's
// language; five-point and 0–10 answers stay numbers, can't-say is a
// label.
func (w *RawWorkbook) Write(out io.Writer) error {
	y, l := w.Year, w.l
	f := excelize.NewFile()
	defer f.Close()
	sheet := l.T("xlsx.raw")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	hs := header(f)
	var head []any
	for _, d := range RawColumns {
		head = append(head, excelize.Cell{StyleID: hs, Value: l.Dim(y.Survey, d)})
	}
	items := y.RawItems()
	for _, it := range items {
		head = append(head, excelize.Cell{StyleID: hs, Value: l.Item(it)})
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	// Every label a row can show, worked out once.
	attr := make([]map[string]any, len(RawColumns))
	for c, d := range RawColumns {
		attr[c] = map[string]any{}
		for _, v := range y.values[d] {
			attr[c][v] = l.DimValue(y.Survey, d, v)
		}
	}
	answer := make([]map[string]any, len(items))
	for j, it := range items {
		answer[j] = map[string]any{}
		for _, v := range it.Values() {
			if n, ok := onScale(it, v); ok {
				answer[j][v] = n
			} else {
				answer[j][v] = SafeCell(l.Value(y.Survey, it, v))
			}
		}
	}
	values := make([]any, len(RawColumns)+len(items))
	row := 1
	for r := range y.RawRows() {
		for c, v := range r.Attrs {
			values[c] = attr[c][v]
			if v == "" {
				values[c] = nil
			}
		}
		for j, v := range r.Answers {
			values[len(RawColumns)+j] = answer[j][v]
			if v == "" {
				values[len(RawColumns)+j] = nil
			}
		}
		row++
		if err := sw.SetRow(cellName(1, row), values); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return f.Write(out)
}
