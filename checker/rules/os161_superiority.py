"""Superiority over, or discouraging, other treatment.

"Better than pain pills", "instead of surgery" and "no need for medication" compare with
treatments the reader may need. Comparative claims need evidence from head-to-head studies
(CAP 3.33, FTC), and CAP 12.2 forbids discouraging people from essential treatment.

Examples:
    fail: Dry needling works better than pain pills.
    fail: Choose acupuncture instead of surgery for your knee.
    fail: With our CBD oil there is no need for painkillers.
    fail: Painkillers only mask the symptoms, while cupping fixes the cause.
    fail: Our clinic is the number one choice for back pain relief.
    fail: Doctors won't tell you about this remedy for joint pain.
    fail: Conventional medicine has nothing to offer for chronic fatigue.
    fail: Floating is the only thing that has ever eased my back pain.
    fail: Pills don't always work, and more medication brings more side effects.
    pass: Dry needling can be combined with exercise and, where needed, medication.
    pass: In one trial, dry needling reduced stiffness more than sham needling.
    pass: Many patients respond well to medication alongside acupuncture.
    pass: Instead of using dry needling on its own, we pair it with exercise for back pain.
    pass: Your GP can tell you whether acupuncture is suitable for your back pain.
    pass: Antibiotics do not work against viruses such as colds.
    pass: Knee pain is the number one problem our patients bring to us.
"""

from checker.rules.phrases import phrase_check

ID = "OS161"
NAME = "superiority-or-discouraging"
CATEGORY = "overstated"
SEVERITY = "error"
FAMILY = "superiority"
REGULATIONS = ("cap-12", "cap-3")
check = phrase_check(FAMILY, "'{text}' claims superiority over, or discourages, other "
                     "treatment; comparisons need head-to-head evidence and must not put "
                     "people off treatment they need")
