package report

import (
	"context"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"palaute/survey"
	"palaute/survey/locale"
)

// Workbook is the yearly Excel report of one survey: a renderer of the
// year's model, which has applied every disclosure rule already.
type Workbook struct {
	Year    *Year // loaded with texts, for the free-text and raw sheets
	Prev    *Year // the year before, for the comparison
	Reg     *survey.Registry
	Lang    string
	Catalog *locale.Catalog
}

// LoadWorkbook loads what the workbook of a survey's year shows.
func (s *Source) LoadWorkbook(ctx context.Context, surveyKey string, year int, lang string, cat *locale.Catalog) (*Workbook, error) {
	y, err := s.Load(ctx, surveyKey, year, true)
	if err != nil {
		return nil, err
	}
	prev, err := s.Load(ctx, surveyKey, year-1, false)
	if err != nil {
		return nil, err
	}
	return &Workbook{Year: y, Prev: prev, Reg: s.Registry, Lang: lang, Catalog: cat}, nil
}

func (w *Workbook) t(key string) string { return w.Catalog.Get(w.Lang, key) }

// Write builds the workbook and writes it to out. Text is written as
// text cells, so nothing a client wrote ever becomes a formula.
func (w *Workbook) Write(out io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	steps := []func(*excelize.File) error{w.summary, w.monthly, w.comparison, w.perCard, w.background, w.freeText, w.raw}
	for _, step := range steps {
		if err := step(f); err != nil {
			return err
		}
	}
	f.DeleteSheet("Sheet1")
	f.SetActiveSheet(0)
	return f.Write(out)
}

// styles shared by the sheets.
func header(f *excelize.File) int {
	s, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: excelize.Fill{Type: "pattern", Color: []string{"DCE6F1"}, Pattern: 1}})
	return s
}

func decimals(f *excelize.File) int {
	s, _ := f.NewStyle(&excelize.Style{NumFmt: 2}) // 0.00
	return s
}

func cellName(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// newSheet adds a sheet with a header row at row, frozen below it.
func (w *Workbook) newSheet(f *excelize.File, name string, row int, headers ...string) error {
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	for i, h := range headers {
		f.SetCellStr(name, cellName(i+1, row), h)
	}
	if len(headers) > 0 {
		f.SetCellStyle(name, cellName(1, row), cellName(len(headers), row), header(f))
	}
	f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: cellName(1, row+1), ActivePane: "bottomLeft"})
	f.SetColWidth(name, "A", "A", 14)
	return nil
}

func (w *Workbook) summary(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.summary")
	if err := w.newSheet(f, sheet, 3, w.t("xlsx.item"), w.t("xlsx.question"), "n", w.t("xlsx.mean"), w.t("xlsx.sd"),
		w.t("xlsx.agree"), fmt.Sprintf("%s %d", w.t("xlsx.mean"), y.Year-1), w.t("xlsx.change")); err != nil {
		return err
	}
	f.SetCellStr(sheet, "A1", fmt.Sprintf("%s %d", y.Survey.Title[w.Lang], y.Year))
	f.SetColWidth(sheet, "B", "B", 60)
	s := y.summary(key{})
	if s.Suppressed {
		f.SetCellStr(sheet, "A4", w.t("xlsx.too_few"))
		return nil
	}
	f.SetCellStr(sheet, "A2", w.t("xlsx.responses"))
	f.SetCellInt(sheet, "B2", int64(s.N))
	prev := w.Prev.summary(key{})
	dec := decimals(f)
	row := 4
	for _, it := range y.ScaleItems() {
		fig := s.Items[it.Key]
		f.SetCellStr(sheet, cellName(1, row), it.Key)
		f.SetCellStr(sheet, cellName(2, row), it.Text[w.Lang])
		f.SetCellInt(sheet, cellName(3, row), int64(fig.N))
		if fig.Mean != nil {
			f.SetCellFloat(sheet, cellName(4, row), *fig.Mean, -1, 64)
			f.SetCellFloat(sheet, cellName(5, row), *fig.SD, -1, 64)
			f.SetCellFloat(sheet, cellName(6, row), 100**fig.Agree, -1, 64)
		} else {
			f.SetCellStr(sheet, cellName(4, row), w.t("xlsx.too_few"))
		}
		if p, ok := prev.Items[it.Key]; ok && p.Mean != nil && fig.Mean != nil {
			f.SetCellFloat(sheet, cellName(7, row), *p.Mean, -1, 64)
			f.SetCellFloat(sheet, cellName(8, row), *fig.Mean-*p.Mean, -1, 64)
		}
		row++
	}
	f.SetCellStyle(sheet, cellName(4, 4), cellName(8, row-1), dec)
	last := row - 1
	row++
	f.SetCellStr(sheet, cellName(1, row), w.t("xlsx.group"))
	f.SetCellStr(sheet, cellName(2, row), w.t("xlsx.group_mean"))
	f.SetCellStyle(sheet, cellName(1, row), cellName(2, row), header(f))
	row++
	for _, g := range y.Survey.Groups {
		mean, ok := s.Groups[g.Key]
		if !ok {
			continue
		}
		f.SetCellStr(sheet, cellName(1, row), g.Title[w.Lang])
		f.SetCellFloat(sheet, cellName(2, row), mean, -1, 64)
		f.SetCellStyle(sheet, cellName(2, row), cellName(2, row), dec)
		row++
	}
	if last < 4 {
		return nil
	}
	return f.AddChart(sheet, cellName(10, 3), &excelize.Chart{
		Type:   excelize.Col,
		Series: []excelize.ChartSeries{{Name: "'" + sheet + "'!$D$3", Categories: fmt.Sprintf("'%s'!$A$4:$A$%d", sheet, last), Values: fmt.Sprintf("'%s'!$D$4:$D$%d", sheet, last)}},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.t("xlsx.mean")}}},
		YAxis:  excelize.ChartAxis{Minimum: ptr(1.0), Maximum: ptr(5.0)},
	})
}

func ptr(v float64) *float64 { return &v }

func (w *Workbook) monthly(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.monthly")
	headers := []string{w.t("xlsx.item")}
	for m := 1; m <= 12; m++ {
		headers = append(headers, strconv.Itoa(m))
	}
	if err := w.newSheet(f, sheet, 1, headers...); err != nil {
		return err
	}
	months := make([]Summary, 13)
	for _, m := range y.Months() {
		months[m] = y.summary(key{month: uint16(m)})
	}
	row := 2
	for _, it := range y.ScaleItems() {
		f.SetCellStr(sheet, cellName(1, row), it.Key)
		for _, m := range y.Months() {
			switch fig := months[m].Items[it.Key]; {
			case y.n[key{month: uint16(m)}] == 0:
			case fig.Mean == nil:
				f.SetCellStr(sheet, cellName(m+1, row), "–")
			default:
				f.SetCellFloat(sheet, cellName(m+1, row), *fig.Mean, -1, 64)
			}
		}
		row++
	}
	f.SetCellStyle(sheet, cellName(2, 2), cellName(13, row-1), decimals(f))
	var series []excelize.ChartSeries
	for r := 2; r < row && len(series) < 6; r++ {
		series = append(series, excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$A$%d", sheet, r),
			Categories: fmt.Sprintf("'%s'!$B$1:$M$1", sheet), Values: fmt.Sprintf("'%s'!$B$%d:$M$%d", sheet, r, r)})
	}
	if len(series) == 0 {
		return nil
	}
	return f.AddChart(sheet, cellName(2, row+2), &excelize.Chart{Type: excelize.Line, Series: series,
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.t("xlsx.monthly")}}}})
}

func (w *Workbook) comparison(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.comparison")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.item"), strconv.Itoa(y.Year-1), strconv.Itoa(y.Year), w.t("xlsx.change"), "p", w.t("xlsx.significant")); err != nil {
		return err
	}
	items, _ := Compare(w.Reg, []*Year{w.Prev, y}, Filter{})
	row := 2
	for _, it := range y.ScaleItems() {
		f.SetCellStr(sheet, cellName(1, row), it.Key)
		pair := items[it.Key]
		for i, yf := range pair {
			if yf.Mean != nil {
				f.SetCellFloat(sheet, cellName(2+i, row), *yf.Mean, -1, 64)
			}
		}
		if cur := pair[1]; cur.P == nil {
			f.SetCellStr(sheet, cellName(6, row), w.t("xlsx.too_few"))
		} else {
			f.SetCellFloat(sheet, cellName(4, row), *cur.Change, -1, 64)
			f.SetCellFloat(sheet, cellName(5, row), *cur.P, -1, 64)
			sig := w.t("xlsx.no")
			if *cur.Significant {
				sig = w.t("xlsx.yes")
			}
			f.SetCellStr(sheet, cellName(6, row), sig)
		}
		row++
	}
	f.SetCellStyle(sheet, cellName(2, 2), cellName(5, row-1), decimals(f))
	f.SetColWidth(sheet, "F", "F", 22)
	return nil
}

// overallItem is the item a card's results are summed up by: the
// instrument's first faces (rating) item.
func (w *Workbook) overallItem() string {
	for _, it := range w.Year.Survey.Items {
		if it.Type == survey.TypeRating5 {
			return it.Key
		}
	}
	return ""
}

func (w *Workbook) perCard(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.per_card")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.card"), w.t("xlsx.responses"), w.t("xlsx.overall")); err != nil {
		return err
	}
	parts, _ := y.Breakdown(Filter{}, Card)
	for i, p := range parts {
		row := i + 2
		f.SetCellStr(sheet, cellName(1, row), p.Value)
		if !p.Shown {
			f.SetCellStr(sheet, cellName(2, row), w.t("xlsx.too_few"))
			continue
		}
		f.SetCellInt(sheet, cellName(2, row), int64(p.N))
		s, _ := y.Summary(Filter{By: map[Dim]string{Card: p.Value}})
		if fig := s.Items[w.overallItem()]; fig.Mean != nil {
			f.SetCellFloat(sheet, cellName(3, row), *fig.Mean, -1, 64)
			f.SetCellStyle(sheet, cellName(3, row), cellName(3, row), decimals(f))
		}
	}
	f.SetColWidth(sheet, "B", "C", 24)
	return nil
}

// background shows each background item's answers in the year: the
// shown values with their count and share of the item's answers, the
// hidden ones marked.
func (w *Workbook) background(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.background")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.group"), w.t("xlsx.count"), w.t("xlsx.share")); err != nil {
		return err
	}
	row := 2
	s := y.summary(key{})
	for _, it := range y.layout.items {
		if it.dim == Month {
			continue
		}
		if s.Suppressed {
			f.SetCellStr(sheet, "A2", w.t("xlsx.too_few"))
			return nil
		}
		fig := s.Items[it.Key]
		for i, v := range it.Values() {
			label := it.Text[w.Lang] + ": " + v
			if it.Type == survey.TypeChoice {
				label = it.Text[w.Lang] + ": " + it.Options[i].Text[w.Lang]
			}
			f.SetCellStr(sheet, cellName(1, row), label)
			if n, ok := fig.Dist[v]; ok {
				f.SetCellInt(sheet, cellName(2, row), int64(n))
				f.SetCellFloat(sheet, cellName(3, row), fig.Pct[v], 1, 64)
			} else {
				f.SetCellStr(sheet, cellName(2, row), w.t("xlsx.too_few"))
			}
			row++
		}
	}
	if row == 2 {
		f.SetCellStr(sheet, "A2", w.t("xlsx.no_background"))
	}
	f.SetColWidth(sheet, "A", "A", 40)
	return nil
}

func (w *Workbook) freeText(f *excelize.File) error {
	sheet := w.t("xlsx.free_text")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.month"), w.t("xlsx.item"), w.t("xlsx.text")); err != nil {
		return err
	}
	texts, _, _ := w.Year.Texts(Filter{})
	for i, t := range texts {
		if t.Month != 0 {
			f.SetCellInt(sheet, cellName(1, i+2), int64(t.Month))
		}
		f.SetCellStr(sheet, cellName(2, i+2), t.Item)
		f.SetCellStr(sheet, cellName(3, i+2), t.Text)
	}
	f.SetColWidth(sheet, "C", "C", 100)
	return nil
}

// raw writes the k-anonymous rows with a stream writer.
func (w *Workbook) raw(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.raw")
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	hs := header(f)
	titles := map[Dim]string{Month: w.t("xlsx.month"), Language: w.t("xlsx.language"), Channel: w.t("xlsx.channel"),
		Card: w.t("xlsx.card"), Unit: w.t("xlsx.unit"), Age: w.t("xlsx.age"), ClientTime: w.t("xlsx.client_time")}
	for _, it := range y.Survey.Items {
		if it.Dimension == survey.DimensionGender {
			titles[Gender] = it.Text[w.Lang]
		}
	}
	var head []any
	for _, d := range RawColumns {
		head = append(head, excelize.Cell{StyleID: hs, Value: titles[d]})
	}
	items := y.RawItems()
	for _, k := range items {
		head = append(head, excelize.Cell{StyleID: hs, Value: k})
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	values := make([]any, len(RawColumns)+len(items))
	for i, r := range y.RawRows() {
		for c, v := range r.Attrs {
			values[c] = v
			if v == "" {
				values[c] = nil
			}
		}
		for j, v := range r.Answers {
			if v == "" {
				values[len(RawColumns)+j] = nil
			} else if n, err := strconv.Atoi(v); err == nil {
				values[len(RawColumns)+j] = n
			} else {
				values[len(RawColumns)+j] = v
			}
		}
		if err := sw.SetRow(cellName(1, i+2), values); err != nil {
			return err
		}
	}
	return sw.Flush()
}
