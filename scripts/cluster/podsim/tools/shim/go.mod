module daybook.dev/podsim-tool

go 1.22
