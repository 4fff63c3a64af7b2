"""What the explorer's tests share: the samples, the task the issue names, and a plan whose
text tries to run script in the page (it must stay text)."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
TASK = "Đề án Phòng, chống tai nạn lao động"

HOSTILE = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG NGÃI
Số: 77/KH-UBND
Quảng Ngãi, ngày 10 tháng 5 năm 2018

KẾ HOẠCH
<script>alert("x")</script> thực hiện "><img src=x onerror=alert(1)>

Thực hiện Kế hoạch số 127-KH/TU ngày 05/4/2018 của Tỉnh ủy <b onmouseover=alert(2)>về</b> y tế.

II. NHIỆM VỤ
1. Tổ chức <script>alert(3)</script> tuyên truyền. Thời gian hoàn thành: năm 2019.
"""
