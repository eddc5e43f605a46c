#!/usr/bin/env python3
"""Writes the inputs of the claim-lifecycle benchmark (docs/performance.md):
N claims in an 837P (5000 claims per set), the 999 accepting every set, a
277CA answering every claim (one in 50 rejected), and an 835 paying the
accepted ones (5000 claims per set). Deterministic: the same N, the same bytes.

    bench/lifecycle_inputs.py 1000000 build/bench-data/lifecycle
"""
import os
import sys

n = int(sys.argv[1])
out = sys.argv[2]
os.makedirs(out, exist_ok=True)
PER_SET = 5000
sets = (n + PER_SET - 1) // PER_SET


def isa(sender, receiver, control):
    return (f"ISA*00*          *00*          *ZZ*{sender:<15}*ZZ*{receiver:<15}*250301*1200*^*00501*"
            f"{control:09d}*0*P*:~\n")


def pcn(i):
    return f"C{i:09d}"


with open(os.path.join(out, "claims.837"), "w") as f:
    f.write(isa("SUNRISEBH", "ACMECLEARING", 1))
    f.write("GS*HC*SUNRISEBH*ACMECLEARING*20250301*1200*1*X*005010X222A1~\n")
    for s in range(sets):
        st = f"{s + 1:04d}"
        seg = [f"ST*837*{st}*005010X222A1", "BHT*0019*00*1*20250301*1200*CH",
               "NM1*41*2*SUNRISE BEHAVIORAL HEALTH*****46*SUB12345", "PER*IC*BILLING*TE*5555551234",
               "NM1*40*2*ACME CLEARINGHOUSE*****46*ACMECLEARING", "HL*1**20*1",
               "NM1*85*2*SUNRISE BEHAVIORAL HEALTH*****XX*1234567893", "N3*100 MAIN ST",
               "N4*SPRINGFIELD*IL*62701", "REF*EI*123456789"]
        hl = 1
        for i in range(s * PER_SET, min(n, (s + 1) * PER_SET)):
            hl += 1
            seg += [f"HL*{hl}*1*22*0", "SBR*P*18*******CI", f"NM1*IL*1*DOE*PAT****MI*M{i:09d}",
                    "N3*1 ELM ST", "N4*SPRINGFIELD*IL*62701", "DMG*D8*19800101*F",
                    "NM1*PR*2*BLUE CROSS*****PI*BCBSIL", f"CLM*{pcn(i)}*150***11:B:1*Y*A*Y*Y", "HI*ABK:F411",
                    "LX*1", "SV1*HC:90837*150*UN*1***1", "DTP*472*D8*20250225", f"REF*6R*{pcn(i)}L1"]
        seg.append(f"SE*{len(seg) + 1}*{st}")
        f.write("~\n".join(seg) + "~\n")
    f.write(f"GE*{sets}*1~\nIEA*1*000000001~\n")

with open(os.path.join(out, "ack.999"), "w") as f:
    f.write(isa("ACMECLEARING", "SUNRISEBH", 2))
    f.write("GS*FA*ACMECLEARING*SUNRISEBH*20250302*1200*2*X*005010X231A1~\n")
    seg = ["ST*999*0001*005010X231A1", "AK1*HC*1*005010X222A1"]
    for s in range(sets):
        seg += [f"AK2*837*{s + 1:04d}*005010X222A1", "IK5*A"]
    seg.append(f"AK9*A*{sets}*{sets}*{sets}")
    seg.append(f"SE*{len(seg) + 1}*0001")
    f.write("~\n".join(seg) + "~\nGE*1*2~\nIEA*1*000000002~\n")

with open(os.path.join(out, "claims.277ca"), "w") as f:
    f.write(isa("ACMECLEARING", "SUNRISEBH", 3))
    f.write("GS*HN*ACMECLEARING*SUNRISEBH*20250303*1200*3*X*005010X214~\n")
    for s in range(sets):
        st = f"{s + 1:04d}"
        seg = [f"ST*277*{st}*005010X214", "BHT*0085*08*T1*20250303*1200*TH", "HL*1**20*1",
               "NM1*PR*2*BLUE CROSS*****PI*BCBSIL", "TRN*1*T1", "DTP*050*D8*20250303", "DTP*009*D8*20250303",
               "HL*2*1*21*1", "NM1*41*2*SUNRISE*****46*SUB12345", "TRN*2*1", "STC*A1:19*20250303*WQ*1",
               "HL*3*2*19*1", "NM1*85*2*SUNRISE*****XX*1234567893"]
        hl = 3
        for i in range(s * PER_SET, min(n, (s + 1) * PER_SET)):
            hl += 1
            stc = "A7:562:85*20250303*U*150" if i % 50 == 0 else "A2:20*20250303*WQ*150"
            seg += [f"HL*{hl}*3*PT", f"NM1*QC*1*DOE*PAT****MI*M{i:09d}", f"TRN*2*{pcn(i)}", f"STC*{stc}",
                    f"REF*1K*P{i:09d}", "DTP*472*D8*20250225"]
        seg.append(f"SE*{len(seg) + 1}*{st}")
        f.write("~\n".join(seg) + "~\n")
    f.write(f"GE*{sets}*3~\nIEA*1*000000003~\n")

with open(os.path.join(out, "remit.835"), "w") as f:
    f.write(isa("BCBSIL", "SUNRISEBH", 4))
    f.write("GS*HP*BCBSIL*SUNRISEBH*20250320*1200*4*X*005010X221A1~\n")
    for s in range(sets):
        st = f"{s + 1:04d}"
        claims = [i for i in range(s * PER_SET, min(n, (s + 1) * PER_SET)) if i % 50 != 0]
        total = 100 * len(claims)
        seg = [f"ST*835*{st}*005010X221A1", f"BPR*I*{total}*C*ACH*CCP*01*999999999*DA*123456*1370000001**01*"
               "888888888*DA*654321*20250320", f"TRN*1*EFT{s + 1:06d}*1370000001", "DTM*405*20250320",
               "N1*PR*BLUE CROSS", "N3*1 PAYER WAY", "N4*CHICAGO*IL*60601", "PER*BL*PROVIDER SERVICES*TE*8005551234",
               "N1*PE*SUNRISE BEHAVIORAL HEALTH*XX*1234567893", "LX*1"]
        for i in claims:
            pr = "*CAS*PR*2*20" if i % 3 == 0 else ""
            paid = 80 if pr else 100
            seg += [f"CLP*{pcn(i)}*1*150*{paid}*{20 if pr else ''}*12*P{i:09d}*11*1",f"SVC*HC:90837*150*{paid}**1", "DTM*472*20250225", "CAS*CO*45*50"]
            if pr:
                seg.append("CAS*PR*2*20")
            seg.append(f"REF*6R*{pcn(i)}L1")
        seg.append(f"SE*{len(seg) + 1}*{st}")
        f.write("~\n".join(seg) + "~\n")
    f.write(f"GE*{sets}*4~\nIEA*1*000000004~\n")
