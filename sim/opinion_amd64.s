//go:build amd64 && !purego

#include "textflag.h"

// Offsets of opinionK's fields (32 bytes each, in declaration order).
#define AC 0
#define PUBLIC 32
#define CENTRE 64
#define COLL 96
#define COLLM 128
#define INVD 160
#define NOISE 192
#define HALF 224
#define GAP 256
#define ALPHA 288
#define PARTYW 320
#define MIGINSEC 352
#define INV256 384
#define ILEVEL 416
#define INSECIDENT 448
#define ALPHAG 480
#define BETA 512
#define GT 544
#define PENALTY 576
#define SETTLEMONTHS 608
#define SETTLED0 640
#define VOICE 672
#define TENSION 704
#define IRATE 736

DATA one<>+0(SB)/4, $0x3f800000
GLOBL one<>(SB), RODATA|NOPTR, $4
// 2⁻¹²⁶, the smallest normal float32, in eight lanes.
DATA tiny<>+0(SB)/8, $0x0080000000800000
DATA tiny<>+8(SB)/8, $0x0080000000800000
DATA tiny<>+16(SB)/8, $0x0080000000800000
DATA tiny<>+24(SB)/8, $0x0080000000800000
GLOBL tiny<>(SB), RODATA|NOPTR, $32

// CLAMP is clamp32 on X: lanes not below 2⁻¹²⁶ (predicate 5, not less
// than, which NaN passes) keep min(1, X), the others become +0. T is
// scratch.
#define CLAMP(X, T) \
	VCMPPS $5, tiny<>(SB), X, T; \
	VMINPS X, Y15, X; \
	VANDPS T, X, X

// RELAX is the relaxation x ← clamp32(x + RATE·(TARGET − x)) of the eight
// values at ADDR, stored back and kept in X. TARGET and T are clobbered.
#define RELAX(ADDR, RATE, TARGET, X, T) \
	VMOVUPS ADDR, T; \
	VSUBPS T, TARGET, TARGET; \
	VMULPS RATE, TARGET, TARGET; \
	VADDPS TARGET, T, X; \
	CLAMP(X, T); \
	VMOVUPS X, ADDR

// SUM4 adds the four float64 lanes of Y4 to the low lane of ACC one after
// another, lane 0 first. Clobbers Y2.
#define SUM4(ACC) \
	VADDSD X4, ACC, ACC; \
	VPERMILPD $1, X4, X2; \
	VADDSD X2, ACC, ACC; \
	VEXTRACTF128 $1, Y4, X2; \
	VADDSD X2, ACC, ACC; \
	VPERMILPD $1, X2, X2; \
	VADDSD X2, ACC, ACC

// SUM8 adds the eight float32 lanes of V (XV its low half), widened to
// float64, to ACC in lane order. Clobbers Y2 and Y4.
#define SUM8(V, XV, ACC) \
	VCVTPS2PD XV, Y4; \
	SUM4(ACC); \
	VEXTRACTF128 $1, V, X4; \
	VCVTPS2PD X4, Y4; \
	SUM4(ACC)

// In Go's operand order the destination is last and a memory operand
// first: VSUBPS m, Y1, Y2 is Y2 = Y1 − m. VMAXPS x, 0 and VMINPS x, 1
// return x on ties and NaN, as the Go comparisons do. VBLENDVPS mask, a, b, dst is
// dst = mask's sign ? a : b.
//
// Registers: DI constants, SI flags, R8 U, R9 Party, R10 Resid, R11 Access,
// R12 S, R13 T, BX G, DX Iota, CX n, AX index. Y15 ones, Y14 zeros, Y13
// migrant mask (sign bit), Y12 old integration, Y11 s, Y10 g, Y9 new
// integration, X5–X8 the sums; Y0–Y4 scratch.
TEXT ·opinionAVX2(SB), NOSPLIT, $0-96
	MOVQ k+0(FP), DI
	MOVQ flags+8(FP), SI
	MOVQ u+16(FP), R8
	MOVQ party+24(FP), R9
	MOVQ resid+32(FP), R10
	MOVQ access+40(FP), R11
	MOVQ sat+48(FP), R12
	MOVQ trust+56(FP), R13
	MOVQ griev+64(FP), BX
	MOVQ integ+72(FP), DX
	MOVQ n+80(FP), CX
	MOVQ sums+88(FP), AX
	VMOVSD 0(AX), X5
	VMOVSD 8(AX), X6
	VMOVSD 16(AX), X7
	VMOVSD 24(AX), X8
	VBROADCASTSS one<>(SB), Y15
	VXORPS Y14, Y14, Y14
	XORQ AX, AX

loop:
	// Migrant: bit 0 of the flags moved to the sign bit.
	VPMOVZXBD (SI)(AX*1), Y13
	VPSLLD $31, Y13, Y13

	// q, the quality a resident sees.
	VMOVUPS (R11)(AX*4), Y0         // a
	VMULPS AC(DI), Y0, Y1
	VSUBPS Y1, Y15, Y1              // 1 − ac·a
	VMAXPS Y1, Y14, Y1              // reach
	VMULPS CENTRE(DI), Y1, Y1
	VADDPS PUBLIC(DI), Y1, Y1       // pub
	VADDPS COLL(DI), Y1, Y2         // usable, local
	VADDPS COLLM(DI), Y1, Y3        // usable, migrant
	VBLENDVPS Y13, Y3, Y2, Y1
	VMULPS INVD(DI), Y1, Y1         // q
	VMINPS Y1, Y15, Y1
	VSUBPS HALF(DI), Y0, Y0
	VMULPS NOISE(DI), Y0, Y0
	VSUBPS Y0, Y15, Y0
	VMULPS Y0, Y1, Y1               // q ·= 1 − noise·(a − ½)
	VMOVUPS (DX)(AX*4), Y12         // integration
	VSUBPS Y12, Y15, Y4             // 1 − ι, kept for the target
	VMULPS GAP(DI), Y4, Y0
	VSUBPS Y0, Y15, Y0
	VMULPS Y0, Y1, Y0               // migrant take-up
	VBLENDVPS Y13, Y0, Y1, Y1
	CLAMP(Y1, Y0)

	// s, satisfaction, towards q.
	RELAX((R12)(AX*4), ALPHA(DI), Y1, Y11, Y0)

	// The grievance target.
	VPMOVZXWD (R9)(AX*2), Y0
	VCVTDQ2PS Y0, Y0
	VMULPS PARTYW(DI), Y0, Y0
	VMINPS Y0, Y15, Y0              // pw
	VMULPS MIGINSEC(DI), Y4, Y1
	VADDPS Y1, Y0, Y1               // migrant's target
	VPMOVZXBD (R8)(AX*1), Y2
	VCVTDQ2PS Y2, Y2
	VMULPS INV256(DI), Y2, Y2
	VCMPPS $1, ILEVEL(DI), Y2, Y2   // no longer farms: U/256 < I
	VADDPS INSECIDENT(DI), Y0, Y3
	VBLENDVPS Y2, Y3, Y0, Y0        // local's target
	VBLENDVPS Y13, Y1, Y0, Y0

	// g, grievance, towards its target.
	RELAX((BX)(AX*4), ALPHAG(DI), Y0, Y10, Y1)

	// Trust.
	VMULPS GT(DI), Y10, Y0
	VSUBPS Y0, Y11, Y0              // s − gt·g
	VMOVUPS (R13)(AX*4), Y1
	VSUBPS Y1, Y0, Y0
	VMULPS BETA(DI), Y0, Y0
	VADDPS Y0, Y1, Y0
	VSUBPS PENALTY(DI), Y0, Y0
	CLAMP(Y0, Y1)
	VMOVUPS Y0, (R13)(AX*4)

	// Migrants: months of residence (saturating), integration.
	VPMOVZXBW (SI)(AX*1), X0
	VPSLLW $15, X0, X0
	VPSRLW $15, X0, X0              // 1 for a migrant
	VMOVDQU (R10)(AX*2), X1
	VPADDUSW X0, X1, X1
	VMOVDQU X1, (R10)(AX*2)
	VPMOVZXWD X1, Y1
	VCVTDQ2PS Y1, Y1
	VDIVPS SETTLEMONTHS(DI), Y1, Y1
	VMINPS Y1, Y15, Y1              // settled
	VMULPS SETTLED0(DI), Y1, Y1
	VADDPS VOICE(DI), Y1, Y1
	VSUBPS TENSION(DI), Y1, Y1      // its target
	VSUBPS Y12, Y1, Y1
	VMULPS IRATE(DI), Y1, Y1
	VADDPS Y1, Y12, Y9
	CLAMP(Y9, Y1)
	VBLENDVPS Y13, Y9, Y12, Y9
	VMOVUPS Y9, (DX)(AX*4)

	ADDQ $8, AX
	CMPQ AX, CX
	JLT loop

	// The sums, in a loop of their own: their chains of dependent
	// additions would otherwise hold the update's iterations back. The
	// other kind's lanes enter as +0.
	XORQ AX, AX

sums:
	VPMOVZXBD (SI)(AX*1), Y2
	VPSLLD $31, Y2, Y2
	VPSRAD $31, Y2, Y2              // all ones for a migrant
	VMOVUPS (R12)(AX*4), Y11        // s
	VANDPS Y2, Y11, Y0              // s of migrants
	VANDNPS Y11, Y2, Y1             // s of locals
	VANDPS (DX)(AX*4), Y2, Y3       // integration of migrants
	VMOVUPS (BX)(AX*4), Y10         // g
	SUM8(Y0, X0, X5)
	SUM8(Y1, X1, X6)
	SUM8(Y3, X3, X7)
	SUM8(Y10, X10, X8)
	ADDQ $8, AX
	CMPQ AX, CX
	JLT sums

	MOVQ sums+88(FP), AX
	VMOVSD X5, 0(AX)
	VMOVSD X6, 8(AX)
	VMOVSD X7, 16(AX)
	VMOVSD X8, 24(AX)
	VZEROUPPER
	RET
