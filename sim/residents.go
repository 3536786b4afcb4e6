package sim

// Residents stores the resident agents of one village as parallel slices
// (one per field), so the monthly opinion loop walks contiguous memory and a
// village is one cache-friendly unit of parallel work. Index i across all
// slices is one agent, who stands for District.Scale people.
type Residents struct {
	Flags  []uint8   // flag bits below
	Group  []uint8   // 经济社 index (locals)
	U      []uint8   // persistent uniform in [0,256): a local farms while U/256 ≥ I
	Bin    []uint8   // income bin for the Gini histogram, updated when income changes
	Resid  []uint16  // months of residence in this village (migrants)
	Party  []uint16  // open disputes this agent is party to
	Since  []uint16  // month the agent became a shareholding member (compensation it shares)
	Skill  []float32 // individual wage multiplier (median 1)
	Div    []float32 // dividend received at the last payment, yuan (compensation: Village.compPaid)
	S      []float32 // satisfaction
	T      []float32 // trust in the committee
	G      []float32 // grievance
	Iota   []float32 // integration (migrants; 1 for locals)
	Access []float32 // distance to the service centre within the village, [0,1)
}

// Flag bits.
const (
	FlagMigrant    uint8 = 1 << iota // 外来人口; otherwise 户籍村民
	FlagMember                       // shareholding member of the cooperative
	FlagRegistered                   // registered voter (migrants must register)
	FlagSold                         // sold a vote in the current election
)

// Len is the number of agents.
func (r *Residents) Len() int { return len(r.Flags) }

// Has reports whether agent i has flag f.
func (r *Residents) Has(i int, f uint8) bool { return r.Flags[i]&f != 0 }

// Agent is one resident's state, used when agents are created or move.
type Agent struct {
	Flags, Group, U, Bin uint8
	Resid, Party, Since  uint16
	Skill, Div           float32
	S, T, G, Iota        float32
	Access               float32
}

// Append adds an agent at the end.
func (r *Residents) Append(a Agent) {
	r.Flags = append(r.Flags, a.Flags)
	r.Group = append(r.Group, a.Group)
	r.U = append(r.U, a.U)
	r.Bin = append(r.Bin, a.Bin)
	r.Resid = append(r.Resid, a.Resid)
	r.Party = append(r.Party, a.Party)
	r.Since = append(r.Since, a.Since)
	r.Skill = append(r.Skill, a.Skill)
	r.Div = append(r.Div, a.Div)
	r.S = append(r.S, a.S)
	r.T = append(r.T, a.T)
	r.G = append(r.G, a.G)
	r.Iota = append(r.Iota, a.Iota)
	r.Access = append(r.Access, a.Access)
}

// At returns agent i.
func (r *Residents) At(i int) Agent {
	return Agent{
		Flags: r.Flags[i], Group: r.Group[i], U: r.U[i], Bin: r.Bin[i],
		Resid: r.Resid[i], Party: r.Party[i], Since: r.Since[i], Skill: r.Skill[i], Div: r.Div[i],
		S: r.S[i], T: r.T[i], G: r.G[i], Iota: r.Iota[i], Access: r.Access[i],
	}
}

// swapRemove removes agent i by moving the last agent into its place. The
// caller fixes references to the moved agent (see Village.removeAgent).
func (r *Residents) swapRemove(i int) {
	last := len(r.Flags) - 1
	r.Flags[i] = r.Flags[last]
	r.Group[i] = r.Group[last]
	r.U[i] = r.U[last]
	r.Bin[i] = r.Bin[last]
	r.Resid[i] = r.Resid[last]
	r.Party[i] = r.Party[last]
	r.Since[i] = r.Since[last]
	r.Skill[i] = r.Skill[last]
	r.Div[i] = r.Div[last]
	r.S[i] = r.S[last]
	r.T[i] = r.T[last]
	r.G[i] = r.G[last]
	r.Iota[i] = r.Iota[last]
	r.Access[i] = r.Access[last]
	r.Flags = r.Flags[:last]
	r.Group = r.Group[:last]
	r.U = r.U[:last]
	r.Bin = r.Bin[:last]
	r.Resid = r.Resid[:last]
	r.Party = r.Party[:last]
	r.Since = r.Since[:last]
	r.Skill = r.Skill[:last]
	r.Div = r.Div[:last]
	r.S = r.S[:last]
	r.T = r.T[:last]
	r.G = r.G[:last]
	r.Iota = r.Iota[:last]
	r.Access = r.Access[:last]
}

// BytesPerAgent is the memory one agent takes in Residents.
const BytesPerAgent = 4*1 + 3*2 + 7*4
