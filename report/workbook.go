package report

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"palaute/survey"
	"palaute/survey/locale"
)

// Workbook is the yearly Excel report of one survey: aggregates only, a
// renderer of the years' model, which has applied every disclosure rule
// already. The raw rows are a download of their own (RawWorkbook).
type Workbook struct {
	Year *Year // loaded with texts, for the free-text sheet
	// Years are every year with answers up to Year, oldest first, Year
	// last, for the comparison and distribution sheets.
	Years []*Year
	Reg   *survey.Registry
	// RawLink is the address the raw rows are downloaded from, linked
	// from the Read-me; "" when there is none (the command line).
	RawLink string
	l       Labels
}

// LoadWorkbook loads what the workbook of a survey's year shows: the year
// and every earlier year with answers.
func (s *Source) LoadWorkbook(ctx context.Context, surveyKey string, year int, lang string, cat *locale.Catalog) (*Workbook, error) {
	y, err := s.Load(ctx, surveyKey, year, TextRows)
	if err != nil {
		return nil, err
	}
	years, err := s.DB.SurveyYears(ctx, surveyKey)
	if err != nil {
		return nil, err
	}
	w := &Workbook{Year: y, Reg: s.Registry, l: Labels{Lang: lang, Catalog: cat}}
	for i := len(years) - 1; i >= 0; i-- {
		if years[i] >= year {
			continue
		}
		prev, err := s.Load(ctx, surveyKey, years[i], NoRows)
		if err != nil {
			return nil, err
		}
		w.Years = append(w.Years, prev)
	}
	w.Years = append(w.Years, y)
	return w, nil
}

func (w *Workbook) t(key string) string { return w.l.T(key) }

// Write builds the workbook and writes it to out. Text is written as
// text cells, so nothing a client wrote ever becomes a formula.
func (w *Workbook) Write(out io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	steps := []func(*excelize.File) error{w.readMe, w.summary, w.monthly, w.comparison, w.distribution, w.perCard, w.background, w.freeText}
	for _, step := range steps {
		if err := step(f); err != nil {
			return err
		}
	}
	f.DeleteSheet("Sheet1")
	f.SetActiveSheet(1)
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

func oneDecimal(f *excelize.File) int {
	s, _ := f.NewStyle(&excelize.Style{NumFmt: 176, CustomNumFmt: ptrString("0.0")})
	return s
}

func ptrString(s string) *string { return &s }

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
	f.SetColWidth(name, "A", "A", 28)
	return nil
}

// tooFew marks a figure the rules hide, the same everywhere.
func (w *Workbook) tooFew() string { return w.t("xlsx.too_few") }

// readMe says what the workbook holds and how to read it: the threshold,
// the percentage base, the tests, the suppression mark and where the raw
// rows are.
func (w *Workbook) readMe(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.readme")
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	lines := [][2]string{
		{w.t("xlsx.readme_survey"), fmt.Sprintf("%s %d", w.l.Survey(y.Survey), y.Year)},
		{w.t("xlsx.readme_months"), w.monthsLine()},
		{w.t("xlsx.readme_threshold"), fmt.Sprintf(w.t("xlsx.readme_threshold_text"), y.Threshold)},
		{w.t("xlsx.readme_mark"), fmt.Sprintf(w.t("xlsx.readme_mark_text"), w.tooFew())},
		{w.t("xlsx.readme_base"), w.t("xlsx.readme_base_text")},
		{w.t("xlsx.readme_tests"), w.t("xlsx.readme_tests_text")},
	}
	if w.hasNPS() {
		lines = append(lines, [2]string{w.l.NPS(), w.t("xlsx.readme_nps_text")})
	}
	if w.hasCantSay() {
		lines = append(lines, [2]string{w.l.CantSay(), w.t("xlsx.readme_cant_say_text")})
	}
	lines = append(lines,
		[2]string{w.t("xlsx.readme_wording"), w.t("xlsx.readme_wording_text")},
		[2]string{w.t("xlsx.readme_years"), w.yearsLine()},
		[2]string{w.t("xlsx.readme_raw"), w.t("xlsx.readme_raw_text")})
	f.SetCellStr(sheet, "A1", w.t("xlsx.readme_title"))
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 14}})
	f.SetCellStyle(sheet, "A1", "A1", bold)
	wrap, _ := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	for i, l := range lines {
		f.SetCellStr(sheet, cellName(1, i+3), l[0])
		f.SetCellStr(sheet, cellName(2, i+3), l[1])
	}
	if w.RawLink != "" {
		text := w.t("xlsx.readme_raw_text")
		link := cellName(2, len(lines)+2)
		if err := f.SetCellHyperLink(sheet, link, w.RawLink, "External", excelize.HyperlinkOpts{Display: &text, Tooltip: &text}); err != nil {
			return err
		}
	}
	f.SetCellStyle(sheet, "A3", cellName(1, len(lines)+2), header(f))
	f.SetCellStyle(sheet, "B3", cellName(2, len(lines)+2), wrap)
	f.SetColWidth(sheet, "A", "A", 26)
	f.SetColWidth(sheet, "B", "B", 100)
	return nil
}

func (w *Workbook) monthsLine() string {
	y := w.Year
	if y.Through == 0 {
		return w.t("xlsx.readme_no_months")
	}
	return fmt.Sprintf("%s – %s %d", w.l.Month(1), w.l.Month(y.Through), y.Year)
}

func (w *Workbook) yearsLine() string {
	out := ""
	for i, y := range w.Years {
		if i > 0 {
			out += ", "
		}
		out += strconv.Itoa(y.Year)
	}
	return out
}

// shares words a choice or band item's released shares: "Kyllä 62 % ·
// Osittain 30 %".
func (w *Workbook) shares(it survey.Item, fig ItemFigures) string {
	out := ""
	for _, v := range it.Values() {
		pct, ok := fig.Pct[v]
		if !ok {
			continue
		}
		if out != "" {
			out += " · "
		}
		out += fmt.Sprintf("%s %.0f %%", w.l.Value(w.Year.Survey, it, v), pct)
	}
	return out
}

func (w *Workbook) summary(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.summary")
	prevYear := y.Year - 1
	prevHeader := w.t("xlsx.mean")
	if w.hasNPS() {
		prevHeader = w.t("xlsx.mean_or_nps")
	}
	if err := w.newSheet(f, sheet, 3, w.t("xlsx.item"), w.t("xlsx.question"), "n", w.t("xlsx.mean"), w.t("xlsx.sd"),
		w.t("xlsx.positive"), w.l.CantSay()+" %", "NPS", w.t("xlsx.shares"), fmt.Sprintf("%s %d", prevHeader, prevYear), w.t("xlsx.change")); err != nil {
		return err
	}
	f.SetCellStr(sheet, "A1", fmt.Sprintf("%s %d", w.l.Survey(y.Survey), y.Year))
	f.SetColWidth(sheet, "B", "B", 50)
	f.SetColWidth(sheet, "I", "I", 50)
	s := y.summary(key{})
	if s.Suppressed {
		f.SetCellStr(sheet, "A4", w.tooFew())
		return nil
	}
	f.SetCellStr(sheet, "A2", w.t("xlsx.responses"))
	f.SetCellInt(sheet, "B2", int64(s.N))
	// The change from last year is Compare's: of the means, or of the
	// net promoter scores.
	var pairs map[string][]YearFigures
	if len(w.Years) > 1 && w.Years[len(w.Years)-2].Year == prevYear {
		pairs, _ = Compare(w.Reg, w.Years[len(w.Years)-2:], Filter{})
	}
	dec := decimals(f)
	row := 4
	for _, it := range y.ClosedItems() {
		fig := s.Items[it.Key]
		f.SetCellStr(sheet, cellName(1, row), w.l.Item(it))
		f.SetCellStr(sheet, cellName(2, row), it.Text[w.l.Lang])
		f.SetCellInt(sheet, cellName(3, row), int64(fig.N))
		switch {
		case fig.Dist == nil:
			f.SetCellStr(sheet, cellName(4, row), w.tooFew())
		case fig.NPS != nil:
			f.SetCellFloat(sheet, cellName(8, row), *fig.NPS, -1, 64)
			f.SetCellStr(sheet, cellName(9, row), w.parts(fig))
		case fig.Agree != nil:
			f.SetCellFloat(sheet, cellName(4, row), *fig.Mean, -1, 64)
			f.SetCellFloat(sheet, cellName(5, row), *fig.SD, -1, 64)
			f.SetCellFloat(sheet, cellName(6, row), 100**fig.Agree, -1, 64)
		default:
			f.SetCellStr(sheet, cellName(9, row), w.shares(it, fig))
		}
		if pct, ok := fig.Pct[survey.CantSay]; ok && it.CantSay {
			f.SetCellFloat(sheet, cellName(7, row), pct, -1, 64)
		}
		if pair := pairs[it.Key]; len(pair) == 2 && pair[1].Change != nil {
			before := pair[0].Mean
			if pair[0].NPS != nil {
				before = pair[0].NPS
			}
			f.SetCellFloat(sheet, cellName(10, row), *before, -1, 64)
			f.SetCellFloat(sheet, cellName(11, row), *pair[1].Change, -1, 64)
		}
		row++
	}
	f.SetCellStyle(sheet, cellName(4, 4), cellName(5, row-1), dec)
	f.SetCellStyle(sheet, cellName(6, 4), cellName(8, row-1), oneDecimal(f))
	f.SetCellStyle(sheet, cellName(10, 4), cellName(11, row-1), dec)
	if first, last := w.scaleRows(4); first > 0 {
		err := f.AddChart(sheet, cellName(13, 3), &excelize.Chart{
			Type: excelize.Col,
			Series: []excelize.ChartSeries{{Name: "'" + sheet + "'!$D$3", Categories: fmt.Sprintf("'%s'!$A$%d:$A$%d", sheet, first, last),
				Values: fmt.Sprintf("'%s'!$D$%d:$D$%d", sheet, first, last)}},
			Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.t("xlsx.mean")}}},
			YAxis: excelize.ChartAxis{Minimum: ptr(1.0), Maximum: ptr(5.0)},
		})
		if err != nil {
			return err
		}
	}
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
		f.SetCellStr(sheet, cellName(1, row), g.Title[w.l.Lang])
		f.SetCellFloat(sheet, cellName(2, row), mean, -1, 64)
		f.SetCellStyle(sheet, cellName(2, row), cellName(2, row), dec)
		row++
	}
	return nil
}

// hasNPS reports whether the survey has a 0–10 recommendation item.
func (w *Workbook) hasNPS() bool {
	for _, it := range w.Year.Survey.Items {
		if it.Type == survey.TypeNPS {
			return true
		}
	}
	return false
}

// hasCantSay reports whether the survey has an item that allows can't-say.
func (w *Workbook) hasCantSay() bool {
	for _, it := range w.Year.Survey.Items {
		if it.CantSay {
			return true
		}
	}
	return false
}

// parts words a 0–10 item's parts' shares: "Suosittelijat (9–10) 62 % · …".
func (w *Workbook) parts(fig ItemFigures) string {
	var out []string
	for _, p := range NPSParts {
		if v := fig.Part(p); v != nil {
			out = append(out, fmt.Sprintf("%s %.0f %%", w.l.NPSPart(p), *v))
		}
	}
	return strings.Join(out, " · ")
}

func ptr(v float64) *float64 { return &v }

// scaleRows are the first and last rows, counted from row, of the
// five-point items among the closed items: the span a chart of means
// draws. 0 when there are none.
func (w *Workbook) scaleRows(row int) (first, last int) {
	for i, it := range w.Year.ClosedItems() {
		if it.Scale() {
			if first == 0 {
				first = row + i
			}
			last = row + i
		}
	}
	return first, last
}

// series are the rows of the monthly and comparison sheets: a five-point
// item's mean (and its can't-say share where it allows one), a 0–10
// item's net promoter score and its parts' shares, or one value's share
// of a choice or band item. An item's first row carries its test.
type series struct {
	label string
	item  survey.Item
	first bool
	get   func(ItemFigures) (float64, bool)
}

func pct(v string) func(ItemFigures) (float64, bool) {
	return func(fig ItemFigures) (float64, bool) {
		p, ok := fig.Pct[v]
		return p, ok
	}
}

func figure(of func(ItemFigures) *float64) func(ItemFigures) (float64, bool) {
	return func(fig ItemFigures) (float64, bool) {
		if v := of(fig); v != nil {
			return *v, true
		}
		return 0, false
	}
}

func (w *Workbook) series() []series {
	var out []series
	for _, it := range w.Year.ClosedItems() {
		name := w.l.Item(it)
		switch {
		case it.Scale():
			out = append(out, series{label: name + " (" + w.t("xlsx.mean_short") + ")", item: it, first: true,
				get: figure(func(f ItemFigures) *float64 { return f.Mean })})
			if it.CantSay {
				out = append(out, series{label: name + ": " + w.l.CantSay() + " %", item: it, get: pct(survey.CantSay)})
			}
		case it.Type == survey.TypeNPS:
			out = append(out, series{label: name + " (NPS)", item: it, first: true,
				get: figure(func(f ItemFigures) *float64 { return f.NPS })})
			for _, p := range NPSParts {
				out = append(out, series{label: name + ": " + w.l.NPSPart(p) + " %", item: it,
					get: figure(func(f ItemFigures) *float64 { return f.Part(p) })})
			}
		default:
			for i, v := range it.Values() {
				out = append(out, series{label: name + ": " + w.l.Value(w.Year.Survey, it, v) + " %", item: it, first: i == 0, get: pct(v)})
			}
		}
	}
	return out
}

// of is the series' figure in a summary, or why there is none.
func (sr series) of(s Summary) (float64, bool) {
	fig, ok := s.Items[sr.item.Key]
	if !ok || fig.Dist == nil {
		return 0, false
	}
	return sr.get(fig)
}

func (w *Workbook) monthly(f *excelize.File) error {
	y := w.Year
	sheet := w.t("xlsx.monthly")
	headers := []string{w.t("xlsx.item")}
	for _, m := range y.Months() {
		headers = append(headers, w.l.Month(m))
	}
	if err := w.newSheet(f, sheet, 1, headers...); err != nil {
		return err
	}
	f.SetColWidth(sheet, "A", "A", 44)
	months := make([]Summary, 13)
	for _, m := range y.Months() {
		months[m] = y.summary(key{month: uint16(m)})
	}
	row := 2
	for _, sr := range w.series() {
		f.SetCellStr(sheet, cellName(1, row), sr.label)
		for _, m := range y.Months() {
			v, ok := sr.of(months[m])
			switch {
			case y.n[key{month: uint16(m)}] == 0:
			case !ok:
				f.SetCellStr(sheet, cellName(m+1, row), "–")
			default:
				f.SetCellFloat(sheet, cellName(m+1, row), v, -1, 64)
			}
		}
		row++
	}
	if len(y.Months()) == 0 {
		return nil
	}
	last := cellColumn(len(y.Months()) + 1)
	f.SetCellStyle(sheet, cellName(2, 2), cellName(len(y.Months())+1, row-1), decimals(f))
	var lines []excelize.ChartSeries
	for i, sr := range w.series() {
		if sr.item.Scale() && sr.first && len(lines) < 6 {
			r := i + 2
			lines = append(lines, excelize.ChartSeries{Name: fmt.Sprintf("'%s'!$A$%d", sheet, r),
				Categories: fmt.Sprintf("'%s'!$B$1:$%s$1", sheet, last), Values: fmt.Sprintf("'%s'!$B$%d:$%s$%d", sheet, r, last, r)})
		}
	}
	if len(lines) == 0 {
		return nil
	}
	return f.AddChart(sheet, cellName(2, row+2), &excelize.Chart{Type: excelize.Line, Series: lines,
		Title: excelize.ChartTitle{Paragraph: []excelize.RichTextRun{{Text: w.t("xlsx.monthly")}}}})
}

// comparison sets every year with answers side by side, with the last
// year's test against the one before, and marks an item whose wording
// changed between any two of the years, with a note that says between
// which.
func (w *Workbook) comparison(f *excelize.File) error {
	sheet := w.t("xlsx.comparison")
	headers := []string{w.t("xlsx.item")}
	for _, y := range w.Years {
		headers = append(headers, strconv.Itoa(y.Year))
	}
	headers = append(headers, w.t("xlsx.change"), "p", w.t("xlsx.significant"), w.t("xlsx.test"), w.t("xlsx.wording"))
	if err := w.newSheet(f, sheet, 1, headers...); err != nil {
		return err
	}
	f.SetColWidth(sheet, "A", "A", 44)
	items, _ := Compare(w.Reg, w.Years, Filter{})
	sums := make([]Summary, len(w.Years))
	for i, y := range w.Years {
		sums[i] = y.summary(key{})
	}
	last := len(w.Years) - 1
	col := len(w.Years) + 2
	row := 2
	var notes []string
	for _, sr := range w.series() {
		f.SetCellStr(sheet, cellName(1, row), sr.label)
		for i := range w.Years {
			if v, ok := sr.of(sums[i]); ok {
				f.SetCellFloat(sheet, cellName(2+i, row), v, -1, 64)
			}
		}
		// The test belongs to the item: on its first row.
		if sr.first && last > 0 {
			cur := items[sr.item.Key][last]
			if cur.P == nil {
				f.SetCellStr(sheet, cellName(col+2, row), w.tooFew())
			} else {
				if cur.Change != nil {
					f.SetCellFloat(sheet, cellName(col, row), *cur.Change, -1, 64)
				}
				f.SetCellFloat(sheet, cellName(col+1, row), *cur.P, -1, 64)
				sig := w.t("xlsx.no")
				if *cur.Significant {
					sig = w.t("xlsx.yes")
				}
				f.SetCellStr(sheet, cellName(col+2, row), sig)
				f.SetCellStr(sheet, cellName(col+3, row), w.l.Test(cur.Test))
			}
		}
		if sr.first {
			if between := w.wordingChanges(items[sr.item.Key]); between != "" {
				note := fmt.Sprintf(w.t("xlsx.wording_note"), w.l.Item(sr.item), between)
				f.SetCellStr(sheet, cellName(col+4, row), w.t("xlsx.wording_changed"))
				if err := f.AddComment(sheet, excelize.Comment{Author: "Palaute", Cell: cellName(col+4, row),
					Paragraph: []excelize.RichTextRun{{Text: note}}}); err != nil {
					return err
				}
				notes = append(notes, note)
			}
		}
		row++
	}
	f.SetCellStyle(sheet, cellName(2, 2), cellName(col+1, row-1), decimals(f))
	f.SetColWidth(sheet, cellColumn(col+2), cellColumn(col+4), 26)
	for _, note := range notes {
		row++
		f.SetCellStr(sheet, cellName(1, row), note)
	}
	return nil
}

// wordingChanges lists the pairs of years between which an item's
// wording changed: "2024–2025, 2025–2026"; "" when it never did.
func (w *Workbook) wordingChanges(row []YearFigures) string {
	var out []string
	for i := 1; i < len(row); i++ {
		if row[i].WordingChanged {
			out = append(out, fmt.Sprintf("%d–%d", row[i-1].Year, row[i].Year))
		}
	}
	return strings.Join(out, ", ")
}

func cellColumn(col int) string {
	name, _ := excelize.ColumnNumberToName(col)
	return name
}

// distribution gives every closed item's answers per value, year by year:
// the count and the share of the item's answers.
func (w *Workbook) distribution(f *excelize.File) error {
	sheet := w.t("xlsx.distribution")
	headers := []string{w.t("xlsx.item"), w.t("xlsx.answer")}
	for _, y := range w.Years {
		headers = append(headers, fmt.Sprintf("%d %s", y.Year, w.t("xlsx.count")), fmt.Sprintf("%d %s", y.Year, w.t("xlsx.share")))
	}
	if err := w.newSheet(f, sheet, 1, headers...); err != nil {
		return err
	}
	f.SetColWidth(sheet, "B", "B", 30)
	sums := make([]Summary, len(w.Years))
	for i, y := range w.Years {
		sums[i] = y.summary(key{})
	}
	row := 2
	for _, it := range w.Year.ClosedItems() {
		for _, v := range it.Values() {
			f.SetCellStr(sheet, cellName(1, row), w.l.Item(it))
			f.SetCellStr(sheet, cellName(2, row), w.l.Value(w.Year.Survey, it, v))
			for i := range w.Years {
				fig, ok := sums[i].Items[it.Key]
				n, shown := fig.Dist[v]
				switch {
				case !ok || sums[i].Suppressed:
				case fig.Dist == nil || !shown:
					f.SetCellStr(sheet, cellName(3+2*i, row), w.tooFew())
				default:
					f.SetCellInt(sheet, cellName(3+2*i, row), int64(n))
					f.SetCellFloat(sheet, cellName(4+2*i, row), fig.Pct[v], -1, 64)
				}
			}
			row++
		}
	}
	if len(w.Years) > 0 {
		f.SetCellStyle(sheet, cellName(3, 2), cellName(2+2*len(w.Years), row-1), oneDecimal(f))
	}
	return nil
}

// perCard is written only for a survey whose year has answers by card.
func (w *Workbook) perCard(f *excelize.File) error {
	y := w.Year
	parts, _ := y.Breakdown(Filter{}, Card)
	if len(parts) == 0 {
		return nil
	}
	overall, hasOverall := y.Survey.Overall()
	headers := []string{w.t("xlsx.card"), w.t("xlsx.responses")}
	if hasOverall {
		headers = append(headers, w.l.Item(overall)+" ("+w.t("xlsx.mean_short")+")")
	}
	sheet := w.t("xlsx.per_card")
	if err := w.newSheet(f, sheet, 1, headers...); err != nil {
		return err
	}
	for i, p := range parts {
		row := i + 2
		f.SetCellStr(sheet, cellName(1, row), p.Value)
		if !p.Shown {
			f.SetCellStr(sheet, cellName(2, row), w.tooFew())
			continue
		}
		f.SetCellInt(sheet, cellName(2, row), int64(p.N))
		s, _ := y.Summary(Filter{By: map[Dim]string{Card: p.Value}})
		if fig := s.Items[overall.Key]; hasOverall && fig.Mean != nil {
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
	f.SetColWidth(sheet, "A", "A", 40)
	row := 2
	s := y.summary(key{})
	for _, it := range y.layout.items {
		if it.dim == Month {
			continue
		}
		if s.Suppressed {
			f.SetCellStr(sheet, "A2", w.tooFew())
			return nil
		}
		fig := s.Items[it.Key]
		for _, v := range it.Values() {
			f.SetCellStr(sheet, cellName(1, row), w.l.Item(it.Item)+": "+w.l.Value(y.Survey, it.Item, v))
			if n, ok := fig.Dist[v]; ok {
				f.SetCellInt(sheet, cellName(2, row), int64(n))
				f.SetCellFloat(sheet, cellName(3, row), fig.Pct[v], 1, 64)
			} else {
				f.SetCellStr(sheet, cellName(2, row), w.tooFew())
			}
			row++
		}
	}
	if row == 2 {
		f.SetCellStr(sheet, "A2", w.t("xlsx.no_background"))
	}
	return nil
}

func (w *Workbook) freeText(f *excelize.File) error {
	sheet := w.t("xlsx.free_text")
	if err := w.newSheet(f, sheet, 1, w.t("xlsx.month"), w.t("xlsx.item"), w.t("xlsx.text")); err != nil {
		return err
	}
	texts, _, _ := w.Year.Texts(Filter{})
	labels := map[string]string{}
	for _, it := range w.Year.Survey.Items {
		labels[it.Key] = w.l.Item(it)
	}
	for i, t := range texts {
		if t.Month != 0 {
			f.SetCellStr(sheet, cellName(1, i+2), w.l.Month(t.Month))
		}
		f.SetCellStr(sheet, cellName(2, i+2), labels[t.Item])
		f.SetCellStr(sheet, cellName(3, i+2), t.Text)
	}
	f.SetColWidth(sheet, "C", "C", 100)
	return nil
}
