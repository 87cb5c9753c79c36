"""The spreadsheets: each module's tables and checklists as a workbook to fill in.
"""
