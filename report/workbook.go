package report

import (
	"context"
	"fmt"
	"io"
	"sort"
	"strconv"

	"github.com/xuri/excelize/v2"

	"palaute/survey"
	"palaute/survey/locale"
	"palaute/survey/store"
)

// Workbook is the yearly Excel report of one survey.
type Workbook struct {
	DB        *store.DB
	Survey    *survey.Instrument
	Year      int
	Lang      string
	Catalog   *locale.Catalog
	Threshold int
}

func (w *Workbook) t(key string) string { return w.Catalog.Get(w.Lang, key) }

// scaleItems are the instrument's five-point items, in order.
func (w *Workbook) scaleItems() []survey.Item {
	var out []survey.Item
	for _, it := range w.Survey.Items {
		if it.Type == survey.TypeLikert5 || it.Type == survey.TypeRating5 {
			out = append(out, it)
		}
	}
	return out
}

// Write builds the workbook and writes it to out. Text is written as
// text cells, so nothing a client wrote ever becomes a formula.
func (w *Workbook) Write(ctx context.Context, out io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	base := store.Filter{Survey: w.Survey.Key, Year: w.Year}
	n, err := w.DB.CountFiltered(ctx, base)
	if err != nil {
		return err
	}
	counts, err := w.DB.CountAnswers(ctx, base)
	if err != nil {
		return err
	}
	prev := base
	prev.Year--
	prevN, err := w.DB.CountFiltered(ctx, prev)
	if err != nil {
		return err
	}
	prevCounts, err := w.DB.CountAnswers(ctx, prev)
	if err != nil {
		return err
	}
	steps := []func() error{
		func() error { return w.summary(f, n, counts, prevN, prevCounts) },
		func() error { return w.monthly(f, counts) },
		func() error { return w.comparison(f, n, counts, prevN, prevCounts) },
		func() error { return w.perCard(ctx, f, base) },
		func() error { return w.background(f, n, counts) },
		func() error { return w.freeText(ctx, f, base) },
		func() error { return w.raw(ctx, f, base) },
	}
	for _, step := range steps {
		if err := step(); err != nil {
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

func cell(col, row int) string {
	name, _ := excelize.CoordinatesToCellName(col, row)
	return name
}

// newSheet adds a sheet with a header row at row, frozen below it.
func (w *Workbook) newSheet(f *excelize.File, name string, row int, headers ...string) error {
	if _, err := f.NewSheet(name); err != nil {
		return err
	}
	for i, h := range headers {
		f.SetCellStr(name, cell(i+1, row), h)
	}
	if len(headers) > 0 {
		f.SetCellStyle(name, cell(1, row), cell(len(headers), row), header(f))
	}
	f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: row, TopLeftCell: cell(1, row+1), ActivePane: "bottomLeft"})
	f.SetColWidth(name, "A", "A", 14)
	return nil
}

func (w *Workbook) summary(f *excelize.File, n int, counts []store.ItemCount, prevN int, prevCounts []store.ItemCount) error {
	sheet := w.t("xlsx.summary")
	if err := w.newSheet(f, sheet, 3, w.t("xlsx.item"), w.t("xlsx.question"), "n", w.t("xlsx.mean"), w.t("xlsx.sd"),
		w.t("xlsx.agree"), fmt.Sprintf("%s %d", w.t("xlsx.mean"), w.Year-1), w.t("xlsx.change")); err != nil {
		return err
	}
	f.SetCellStr(sheet, "A1", fmt.Sprintf("%s %d", w.Survey.Title[w.Lang], w.Year))
	f.SetCellStr(sheet, "A2", w.t("xlsx.responses"))
	f.SetCellInt(sheet, "B2", int64(n))
	f.SetColWidth(sheet, "B", "B", 60)
	if n < w.Threshold {
		f.SetCellStr(sheet, "A4", w.t("xlsx.too_few"))
		return nil
	}
	figs := Items(w.Survey, counts)
	var prevFigs map[string]ItemFigures
	if prevN >= w.Threshold {
		prevFigs = Items(w.Survey, prevCounts)
	}
	dec := decimals(f)
	row := 4
	for _, it := range w.scaleItems() {
		fig := figs[it.Key]
		f.SetCellStr(sheet, cell(1, row), it.Key)
		f.SetCellStr(sheet, cell(2, row), it.Text[w.Lang])
		f.SetCellInt(sheet, cell(3, row), int64(fig.N))
		if fig.Mean != nil {
			f.SetCellFloat(sheet, cell(4, row), *fig.Mean, -1, 64)
			f.SetCellFloat(sheet, cell(5, row), *fig.SD, -1, 64)
			f.SetCellFloat(sheet, cell(6, row), 100**fig.Agree, -1, 64)
		}
		if p, ok := prevFigs[it.Key]; ok && p.Mean != nil && fig.Mean != nil {
			f.SetCellFloat(sheet, cell(7, row), *p.Mean, -1, 64)
			f.SetCellFloat(sheet, cell(8, row), *fig.Mean-*p.Mean, -1, 64)
		}
		row++
	}
	f.SetCellStyle(sheet, cell(4, 4), cell(8, row-1), dec)
	last := row - 1
	// Group means: the mean of the group's item means.
	row++
	f.SetCellStr(sheet, cell(1, row), w.t("xlsx.group"))
	f.SetCellStr(sheet, cell(2, row), w.t("xlsx.group_mean"))
	f.SetCellStyle(sheet, cell(1, row), cell(2, row), header(f))
	row++
	for _, g := range w.Survey.Groups {
		var sum float64
		k := 0
		for _, it := range w.scaleItems() {
			if it.Group == g.Key && figs[it.Key].Mean != nil {
				sum += *figs[it.Key].Mean
				k++
			}
		}
		if k == 0 {
			continue
		}
		f.SetCellStr(sheet, cell(1, row), g.Title[w.Lang])
		f.SetCellFloat(sheet, cell(2, row), sum/float64(k), -1, 64)
		f.SetCellStyle(sheet, cell(2, row), cell(2, row), dec)
		row++
	}
	return f.AddChart(sheet, cell(10, 3), &excelize.Chart{
		Type:   excelize.Col,
		Series: []excelize.ChartSeries{{Name: "'" + sheet + "'!$D$3", Categories: fmt.Sprintf("'%s'!$A$4:$A$%d", sheet, last), Values: fmt.Sprintf("'%s'!$D$4:$D$%d", sheet, last)}},
		Title:  excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.t("xlsx.mean")}}},
		YAxis:  excelize.ChartAxis{Minimum: ptr(1.0), Maximum: ptr(5.0)},
	})
}

func ptr(v float64) *float64 { return &v }

func (w *Workbook) monthly(f *excelize.File, counts []store.ItemCount) error {
	sheet := w.t("xlsx.monthly")
	headers := []string{w.t("xlsx.item")}
	for m := 1; m <= 12; m++ {
		headers = append(headers, strconv.Itoa(m))
	}
	if err := w.newSheet(f, sheet, 1, headers...); err != nil {
		return err
	}
	byMonth := map[int][]store.ItemCount{}
	for _, c := range counts {
		byMonth[c.Month] = append(byMonth[c.Month], c)
	}
	row := 2
	for _, it := range w.scaleItems() {
		f.SetCellStr(sheet, cell(1, row), it.Key)
		for m := 1; m <= 12; m++ {
			d := Describe(Counts(byMonth[m], it.Key))
			switch {
			case d.N == 0:
			case d.N < w.Threshold:
				f.SetCellStr(sheet, cell(m+1, row), "–")
			default:
				f.SetCellFloat(sheet, cell(m+1, row), d.Mean, -1, 64)
			}
		}
		row++
	}
	f.SetCellStyle(sheet, cell(2, 2), cell(13, row-1), decimals(f))
	var series []excelize.ChartSeries
	for r := 2; r < row && len(series) < 6; r++ {
		series = append(series, excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$A$%d", sheet, r),
			Categories: fmt.Sprintf("'%s'!$B$1:$M$1", sheet), Values: fmt.Sprintf("'%s'!$B$%d:$M$%d", sheet, r, r)})
	}
	return f.AddChart(sheet, cell(2, row+2), &excelize.Chart{Type: excelize.Line, Series: series,
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.t("xlsx.monthly")}}}})
}

func (w *Workbook) comparison(f *excelize.File, n int, counts []store.ItemCount, prevN int, prevCounts []store.ItemCount) error {
	sheet := w.t("xlsx.comparison")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.item"), strconv.Itoa(w.Year-1), strconv.Itoa(w.Year), w.t("xlsx.change"), "p", w.t("xlsx.significant")); err != nil {
		return err
	}
	row := 2
	for _, it := range w.scaleItems() {
		f.SetCellStr(sheet, cell(1, row), it.Key)
		a, b := Counts(prevCounts, it.Key), Counts(counts, it.Key)
		da, db := Describe(a), Describe(b)
		if prevN >= w.Threshold && da.N > 0 {
			f.SetCellFloat(sheet, cell(2, row), da.Mean, -1, 64)
		}
		if n >= w.Threshold && db.N > 0 {
			f.SetCellFloat(sheet, cell(3, row), db.Mean, -1, 64)
		}
		_, p, ok := MannWhitney(a, b)
		if prevN < w.Threshold || n < w.Threshold || !ok {
			f.SetCellStr(sheet, cell(6, row), w.t("xlsx.too_few"))
		} else {
			f.SetCellFloat(sheet, cell(4, row), db.Mean-da.Mean, -1, 64)
			f.SetCellFloat(sheet, cell(5, row), p, -1, 64)
			sig := w.t("xlsx.no")
			if p < 0.05 {
				sig = w.t("xlsx.yes")
			}
			f.SetCellStr(sheet, cell(6, row), sig)
		}
		row++
	}
	f.SetCellStyle(sheet, cell(2, 2), cell(5, row-1), decimals(f))
	f.SetColWidth(sheet, "F", "F", 22)
	return nil
}

// overallItem is the item a card's results are summed up by: the
// instrument's rating item.
func (w *Workbook) overallItem() string {
	for _, it := range w.Survey.Items {
		if it.Type == survey.TypeRating5 {
			return it.Key
		}
	}
	return ""
}

func (w *Workbook) perCard(ctx context.Context, f *excelize.File, base store.Filter) error {
	sheet := w.t("xlsx.per_card")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.card"), w.t("xlsx.responses"), w.t("xlsx.overall")); err != nil {
		return err
	}
	groups, err := w.DB.CountResponsesBy(ctx, base, store.ByCard)
	if err != nil {
		return err
	}
	hidden := Suppressed(groups, w.Threshold)
	codes := make([]string, 0, len(groups))
	for c := range groups {
		if c != "" {
			codes = append(codes, c)
		}
	}
	sort.Strings(codes)
	row := 2
	for _, code := range codes {
		f.SetCellStr(sheet, cell(1, row), code)
		if hidden[code] {
			f.SetCellStr(sheet, cell(2, row), w.t("xlsx.too_few"))
			row++
			continue
		}
		f.SetCellInt(sheet, cell(2, row), int64(groups[code]))
		fc := base
		fc.Card = code
		counts, err := w.DB.CountAnswers(ctx, fc)
		if err != nil {
			return err
		}
		if d := Describe(Counts(counts, w.overallItem())); d.N > 0 {
			f.SetCellFloat(sheet, cell(3, row), d.Mean, -1, 64)
			f.SetCellStyle(sheet, cell(3, row), cell(3, row), decimals(f))
		}
		row++
	}
	f.SetColWidth(sheet, "B", "C", 24)
	return nil
}

// Bands of the background breakdowns.
var (
	ageBands = []struct {
		label  string
		lo, hi int
	}{{"<25", 0, 24}, {"25–34", 25, 34}, {"35–49", 35, 49}, {"50–64", 50, 64}, {"65+", 65, 200}}
	clientBands = []struct {
		label  string
		lo, hi int
	}{{"<6 mo", 0, 5}, {"6–23 mo", 6, 23}, {"2–5 y", 24, 60}, {">5 y", 61, 100000}}
)

func (w *Workbook) background(f *excelize.File, n int, counts []store.ItemCount) error {
	sheet := w.t("xlsx.background")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.group"), w.t("xlsx.count"), w.t("xlsx.share")); err != nil {
		return err
	}
	gender, hasGender := w.Survey.Item("gender")
	if !hasGender {
		f.SetCellStr(sheet, "A2", w.t("xlsx.no_background"))
		return nil
	}
	if n < w.Threshold {
		f.SetCellStr(sheet, "A2", w.t("xlsx.too_few"))
		return nil
	}
	type band struct {
		label string
		n     int
	}
	var rows []band
	choices := map[string]int{}
	for _, c := range counts {
		if c.Item == "gender" {
			choices[c.Choice] += c.Count
		}
	}
	for _, o := range gender.Options {
		rows = append(rows, band{gender.Text[w.Lang] + ": " + o.Text[w.Lang], choices[o.Key]})
	}
	births := Counts(counts, "birth_year")
	for _, b := range ageBands {
		k := 0
		for y, c := range births {
			if age := w.Year - y; age >= b.lo && age <= b.hi {
				k += c
			}
		}
		rows = append(rows, band{w.t("xlsx.age") + " " + b.label, k})
	}
	months := Counts(counts, "client_months")
	for _, b := range clientBands {
		k := 0
		for m, c := range months {
			if m >= b.lo && m <= b.hi {
				k += c
			}
		}
		rows = append(rows, band{w.t("xlsx.client_time") + " " + b.label, k})
	}
	for i, b := range rows {
		f.SetCellStr(sheet, cell(1, i+2), b.label)
		if b.n > 0 && b.n < w.Threshold {
			f.SetCellStr(sheet, cell(2, i+2), w.t("xlsx.too_few"))
			continue
		}
		f.SetCellInt(sheet, cell(2, i+2), int64(b.n))
		f.SetCellFloat(sheet, cell(3, i+2), 100*float64(b.n)/float64(n), 1, 64)
	}
	f.SetColWidth(sheet, "A", "A", 40)
	return nil
}

func (w *Workbook) freeText(ctx context.Context, f *excelize.File, base store.Filter) error {
	sheet := w.t("xlsx.free_text")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.month"), w.t("xlsx.item"), w.t("xlsx.text")); err != nil {
		return err
	}
	texts, err := w.DB.Texts(ctx, base)
	if err != nil {
		return err
	}
	for i, t := range texts {
		f.SetCellInt(sheet, cell(1, i+2), int64(t.Month))
		f.SetCellStr(sheet, cell(2, i+2), t.Item)
		f.SetCellStr(sheet, cell(3, i+2), t.Body)
	}
	f.SetColWidth(sheet, "C", "C", 100)
	return nil
}

// raw writes one row per response with a stream writer, so the sheet can
// hold hundreds of thousands of rows in little memory.
func (w *Workbook) raw(ctx context.Context, f *excelize.File, base store.Filter) error {
	sheet := w.t("xlsx.raw")
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	var items []survey.Item
	for _, it := range w.Survey.Items {
		if it.Type != survey.TypeText {
			items = append(items, it)
		}
	}
	hs := header(f)
	head := []any{excelize.Cell{StyleID: hs, Value: w.t("xlsx.month")}, excelize.Cell{StyleID: hs, Value: w.t("xlsx.language")},
		excelize.Cell{StyleID: hs, Value: w.t("xlsx.channel")}, excelize.Cell{StyleID: hs, Value: w.t("xlsx.card")},
		excelize.Cell{StyleID: hs, Value: w.t("xlsx.unit")}}
	for _, it := range items {
		head = append(head, excelize.Cell{StyleID: hs, Value: it.Key})
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sw.SetRow("A1", head); err != nil {
		return err
	}
	// A card or unit with too few responses is left blank, or the rows
	// would show what the per-card sheet hides.
	hiddenCards, hiddenUnits := map[string]bool{}, map[string]bool{}
	for _, d := range []struct {
		dim    string
		hidden map[string]bool
	}{{store.ByCard, hiddenCards}, {store.ByUnit, hiddenUnits}} {
		groups, err := w.DB.CountResponsesBy(ctx, base, d.dim)
		if err != nil {
			return err
		}
		for g := range Suppressed(groups, w.Threshold) {
			d.hidden[g] = true
		}
	}
	row := 2
	values := make([]any, 5+len(items))
	err = w.DB.EachResponse(ctx, base, func(r store.RawResponse) error {
		if hiddenCards[r.Card] {
			r.Card = ""
		}
		if hiddenUnits[r.Unit] {
			r.Unit = ""
		}
		values[0], values[1], values[2], values[3], values[4] = r.Month, r.Lang, r.Channel, r.Card, r.Unit
		for i, it := range items {
			v, ok := r.Answers[it.Key]
			switch {
			case !ok:
				values[5+i] = nil
			case it.Numeric():
				n, _ := strconv.Atoi(v)
				values[5+i] = n
			default:
				values[5+i] = v
			}
		}
		err := sw.SetRow(cell(1, row), values)
		row++
		return err
	})
	if err != nil {
		return err
	}
	return sw.Flush()
}
