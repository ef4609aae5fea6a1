package demo

// Free-text answers of the demo data, per language.
var (
	goodComments = map[string][]string{
		"fi": {"Sain hyvät neuvot ja minua kuunneltiin.", "Työntekijä oli ystävällinen ja asiallinen.", "Tuntui, että asiani otettiin vakavasti.", "Kiitos avusta, nyt tiedän mitä seuraavaksi tapahtuu."},
		"sv": {"Jag fick goda råd och blev lyssnad på.", "Vänligt och sakligt bemötande.", "Tack för hjälpen, nu vet jag vad som händer härnäst."},
		"en": {"Clear advice, and I was listened to.", "Friendly and helpful, thank you."},
	}
	poorComments = map[string][]string{
		"fi": {"Jouduin odottamaan pitkään.", "En ymmärtänyt kaikkea, mitä päätöksestä kerrottiin.", "Tapaaminen oli liian kiireinen."},
		"sv": {"Jag fick vänta länge.", "Jag förstod inte allt om beslutet.", "Träffen var för stressig."},
		"en": {"I had to wait a long time.", "I did not understand everything about the decision."},
	}
	wishes = map[string][]string{
		"fi": {"Enemmän iltavastaanottoja.", "Että työntekijä vaihtuisi harvemmin.", "Selkeämpiä kirjeitä.", "Mahdollisuus asioida ilman ajanvarausta.", "Nopeammin vastauksia puhelimessa.", "Tietoa muista palveluista, joista voisin saada apua."},
		"sv": {"Fler kvällsmottagningar.", "Att socialarbetaren inte byts så ofta.", "Tydligare brev.", "Möjlighet att komma utan tidsbokning."},
		"en": {"More evening hours.", "Information in plain English.", "Being able to drop in without an appointment."},
	}
	freeTexts = map[string][]string{
		"fi": {"Kiitos kaikille, olette auttaneet paljon.", "Puhelinaikoja pitäisi olla enemmän.", "Odotusaula voisi olla viihtyisämpi.", "Päätökset tulevat liian hitaasti.", "Toivoisin, että asiakaspalautteen tuloksista kerrottaisiin."},
		"sv": {"Tack till alla, ni har hjälpt mig mycket.", "Det borde finnas fler telefontider.", "Besluten kommer för långsamt."},
		"en": {"Thank you, you have helped me a lot.", "More phone hours, please."},
	}
)

func (g *generator) from(pool map[string][]string, lang string) string {
	texts := pool[lang]
	return texts[g.rng.IntN(len(texts))]
}

func (g *generator) comment(lang string, rating int) string {
	if rating >= 4 {
		return g.from(goodComments, lang)
	}
	return g.from(poorComments, lang)
}

func (g *generator) wish(lang string) string { return g.from(wishes, lang) }

func (g *generator) free(lang string) string { return g.from(freeTexts, lang) }
