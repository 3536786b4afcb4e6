package live

import (
	"fmt"
	"math"
	"strings"

	"github.com/govsim/govsim/sim"
)

// Event is one line of the ticker, in both languages.
type Event struct {
	Month  int
	EN, ZH string
}

// Status bits of a village on the map: bit 0 an urban community, then one
// bit a reform kind (kindBit), in the order of the kinds' table.
const stCommunity = 1

func kindBit(k sim.KindID) int { return 2 << k }

// statusOf packs a village's reform flags into status bits.
func statusOf(vals []float64) int {
	s := 0
	if vals[sim.VCommunity] > 0 {
		s |= stCommunity
	}
	for k := range sim.NumKinds {
		if vals[sim.VillageFlagOf(k)] > 0 {
			s |= kindBit(k)
		}
	}
	return s
}

// monthEvents says in words what happened in a month that a class should
// notice: a reform reaching villages, and elections with their vote buying.
// prev and cur are the villages' status bits before and after the month,
// village their values, district the district's.
func monthEvents(month int, prev, cur []int, village [][]float64, district []float64) []Event {
	var out []Event
	n := len(cur)
	for k, kind := range sim.Kinds() {
		bit := kindBit(sim.KindID(k))
		arrived, total := 0, 0
		for i := range cur {
			if cur[i]&bit != 0 {
				total++
				if prev[i]&bit == 0 {
					arrived++
				}
			}
		}
		if arrived > 0 {
			out = append(out, Event{month, fmt.Sprintf(kind.Arrives, arrived, total, n), fmt.Sprintf(kind.ArrivesZH, arrived, total, n)})
		}
	}

	held, bought, detected := 0, 0, 0
	for _, v := range village {
		x := v[sim.VVoteBuying]
		if math.IsNaN(x) {
			continue
		}
		held++
		if x > 0 {
			bought++
		}
		if v[sim.VVoteBuyingDetected] > 0 {
			detected++
		}
	}
	board := district[sim.BoardVoteBuying]
	switch {
	case held > 0:
		// Bought counts committee contests; detected counts committee and
		// board contests (the village metric does): say so.
		en := []string{fmt.Sprintf("elections in %d villages", held), fmt.Sprintf("committee votes bought in %d", bought), fmt.Sprintf("vote buying caught in %d", detected)}
		zh := []string{fmt.Sprintf("%d个村选举", held), fmt.Sprintf("%d个村两委选举有贿选", bought), fmt.Sprintf("%d个村查出贿选", detected)}
		if vb := district[sim.VoteBuying]; !math.IsNaN(vb) {
			en = append(en, fmt.Sprintf("%s of voters sold their vote", pct(vb)))
			zh = append(zh, fmt.Sprintf("%s的选民卖票", pct(vb)))
		}
		if !math.IsNaN(board) {
			en = append(en, fmt.Sprintf("in cooperative board elections %s", pct(board)))
			zh = append(zh, fmt.Sprintf("合作社理事会选举卖票率%s", pct(board)))
			en[2] += " (committees or boards)"
			zh[2] += "（两委或理事会）"
		}
		out = append(out, Event{month, strings.Join(en, "; "), strings.Join(zh, "；")})
	case !math.IsNaN(board):
		out = append(out, Event{month,
			fmt.Sprintf("shareholders elect cooperative boards; %s of their votes sold", pct(board)),
			fmt.Sprintf("股东选举合作社理事会；卖票率%s", pct(board))})
	}
	for i := range out {
		out[i].EN = fmt.Sprintf("Month %d: %s", month, out[i].EN)
		out[i].ZH = fmt.Sprintf("第%d个月：%s", month, out[i].ZH)
	}
	return out
}

func pct(x float64) string { return fmt.Sprintf("%.1f%%", 100*x) }
