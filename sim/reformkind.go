package sim

import (
	"slices"
	"strings"
)

// KindID indexes the reform kinds. A unit's per-kind state (the month a
// kind first reached it, its strength in force) is an array indexed by it,
// and so are the metrics that report where each kind is in force.
type KindID int

// The reform kinds, in the order of their metrics and of every list that
// shows them.
const (
	KindCungaiju  KindID = iota // 村改居 village-to-community conversion
	KindZhengjing               // 政经分离 committee separated from the economy
	KindZhengshe                // 政社分离 administration separated from services
	NumKinds
)

// ReformKind declares one kind of reform: everything outside its mechanism
// code (settle in reform.go and the mechanism files that read what settle
// sets) that names it. The scenario keys, validation, metrics, the
// classroom's controls, ticker and map, and the charts all loop over this
// table, so a new kind is one entry here plus its mechanism code
// (TestReformKindIsOneEntry).
type ReformKind struct {
	Key     string // as written in scenario files: [[reforms]] kind = "zhengjing"
	Label   string // English, one phrase: "committee separated from the collective economy"
	LabelZH string // Chinese name: "政经分离"
	Doc     string // one line: what it changes
	DocZH   string
	Source  string // the section of the Nanhai study that describes it

	// Separations are the separations of 政经分离 an entry brings when its
	// separations key is left out; AllowsSeparations says whether an entry
	// of the kind may list any.
	Separations       []string
	AllowsSeparations bool
	// RuralOnly: the kind reaches only units that started as villages
	// (units urban at the start are communities already), and its coverage
	// is a share of those units.
	RuralOnly bool

	// Coverage is the district metric of the share of units the kind is in
	// force in; Flag the village metric, 1 where it is.
	Coverage, Flag KindMetric

	// Arrives and ArrivesZH are the classroom ticker's line when the kind
	// reaches units in a month: a format taking the units reached this
	// month, so far, and in all.
	Arrives, ArrivesZH string

	// Mechanisms names the fields of Mechanisms the kind switches itself;
	// the separations it brings switch theirs (separationMechanisms).
	Mechanisms []string
}

// KindMetric is the part of a metric's declaration a reform kind gives for
// its coverage metrics: the rest (level, bounds, order) is the metric
// table's.
type KindMetric struct {
	Name, Unit, Label, Title, LabelZH, Doc string
}

// reformKinds is the table, by KindID.
func reformKinds() [NumKinds]ReformKind {
	return [NumKinds]ReformKind{
		KindCungaiju: {
			Key: "cungaiju", Label: "village-to-community conversion", LabelZH: "村改居",
			Doc:    "villages become urban communities: the urban service standard paid by the district, urban social insurance, a conversion subsidy, and the personnel separation",
			DocZH:  "村委会改为社区居委会：按城市标准提供公共服务，由区财政负担；纳入城镇社会保险；发放转制补贴；社区班子与集体经济组织人员分开",
			Source: "二(二)", Separations: []string{"personnel"}, AllowsSeparations: true, RuralOnly: true,
			Coverage: KindMetric{Name: "villages_converted_share", Unit: "share of villages", Label: "converted", Title: "Villages converted (村改居)", LabelZH: "村改居比例",
				Doc: "share of the units that started as villages that have been converted"},
			Flag: KindMetric{Name: "converted", Unit: "0 or 1", Label: "converted", Title: "Converted (村改居)", LabelZH: "已村改居",
				Doc: "1 if 村改居 has reached the unit"},
			Arrives: "村改居 converts %d villages into communities (%d of %d units so far)", ArrivesZH: "村改居：%d个村转为社区（累计%d/%d）",
			Mechanisms: []string{"Budget", "Community", "Insured", "Public", "Urbanised"},
		},
		KindZhengjing: {
			Key: "zhengjing", Label: "committee separated from the collective economy", LabelZH: "政经分离",
			Doc:    "the committee stops running the collective economy: the five separations of functions, assets, finance, institutions and personnel",
			DocZH:  "村（居）委会不再经营集体经济：职能、资产、财务、机构、人员五分开",
			Source: "二(三)", Separations: SeparationNames(), AllowsSeparations: true,
			Coverage: KindMetric{Name: "zhengjing_coverage", Unit: "share of units", Label: "政经分离", Title: "Units under 政经分离", LabelZH: "政经分离覆盖率",
				Doc: "share of units under 政经分离"},
			Flag: KindMetric{Name: "zhengjing", Unit: "0 or 1", Label: "政经分离", Title: "Under 政经分离", LabelZH: "已政经分离",
				Doc: "1 if 政经分离 has reached the unit"},
			Arrives: "政经分离 reaches %d villages (%d of %d units so far)", ArrivesZH: "政经分离推行至%d个村（累计%d/%d）",
		},
		KindZhengshe: {
			Key: "zhengshe", Label: "administration separated from services", LabelZH: "政社分离",
			Doc:    "administrative tasks and public services move to service centres paid by the district; social organisations are funded; two councils deliberate",
			DocZH:  "行政事务与公共服务移交社区服务中心，由区财政负担；培育社会组织；设立社区事务联席会和理事会",
			Source: "二(四)",
			Coverage: KindMetric{Name: "zhengshe_coverage", Unit: "share of units", Label: "政社分离", Title: "Units under 政社分离", LabelZH: "政社分离覆盖率",
				Doc: "share of units under 政社分离"},
			Flag: KindMetric{Name: "zhengshe", Unit: "0 or 1", Label: "政社分离", Title: "Under 政社分离", LabelZH: "已政社分离",
				Doc: "1 if 政社分离 has reached the unit"},
			Arrives: "政社分离 reaches %d villages (%d of %d units so far)", ArrivesZH: "政社分离推行至%d个村（累计%d/%d）",
			Mechanisms: []string{"AdminLoad", "CentreCost", "Centres", "Council", "OrgTarget", "Transfer"},
		},
	}
}

// kindTable is the table, built once (it cannot change while the program
// runs).
var kindTable = reformKinds()

// Kinds lists the reform kinds, by KindID.
func Kinds() []ReformKind {
	out := make([]ReformKind, NumKinds)
	for i, k := range kindTable {
		k.Separations = slices.Clone(k.Separations)
		k.Mechanisms = slices.Clone(k.Mechanisms)
		out[i] = k
	}
	return out
}

// Kind returns the declaration of a kind.
func (k KindID) Kind() ReformKind { return Kinds()[k] }

// Key is the kind as scenario files write it.
func (k KindID) Key() string { return kindTable[k].Key }

func (k KindID) String() string { return k.Key() }

// KindOf finds a kind by its key.
func KindOf(key string) (KindID, bool) {
	for i := range kindTable {
		if kindTable[i].Key == key {
			return KindID(i), true
		}
	}
	return 0, false
}

// KindKeys lists the kinds' keys, by KindID.
func KindKeys() []string {
	out := make([]string, NumKinds)
	for i := range kindTable {
		out[i] = kindTable[i].Key
	}
	return out
}

// kindsWithSeparations names the kinds whose entries may list separations,
// for the message that refuses them elsewhere ("cungaiju and zhengjing").
func kindsWithSeparations() string {
	var keys []string
	for _, k := range kindTable {
		if k.AllowsSeparations {
			keys = append(keys, k.Key)
		}
	}
	if len(keys) > 1 {
		return strings.Join(keys[:len(keys)-1], ", ") + " and " + keys[len(keys)-1]
	}
	return strings.Join(keys, "")
}
