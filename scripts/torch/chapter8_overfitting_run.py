"""Chapter 8's overfitting run: an LSTM with 128 hidden units learns, from only 200 sequences of 30 random tokens
(one-hot, 50 symbols), whether token 3 occurs more often than token 7, and is evaluated on 500 fresh sequences
(Adam, learning rate 3e-3, batches of 32, 30 epochs). Prints the table the chapter shows.

The tuning lab runs the same experiment in the browser (?tuning-lab.preset=overfit, components/widgets/TuningLab):
same data sizes, model, optimizer and schedule, but its own random numbers (so other sequences and initial weights)
and whole batches only (6 steps of 32 per epoch; here the 7th batch holds the last 8 sequences).

Run with Debian's PyTorch:  /usr/bin/python3 scripts/torch/chapter8_overfitting_run.py [seed]
"""
import sys

import torch
import torch.nn as nn

VOCAB, LENGTH, HIDDEN = 50, 30, 128
TRAIN, VALID = 200, 500
SHOWN_EPOCHS = (1, 4, 8, 12, 15, 20, 25, 30)


def make_data(n, generator):
    tokens = torch.randint(0, VOCAB, (n, LENGTH), generator=generator)
    labels = ((tokens == 3).sum(dim=1) > (tokens == 7).sum(dim=1)).long()
    return nn.functional.one_hot(tokens, VOCAB).float(), labels


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.lstm = nn.LSTM(VOCAB, HIDDEN, batch_first=True)
        self.fc = nn.Linear(HIDDEN, 2)

    def forward(self, x):
        _, (hidden, _) = self.lstm(x)
        return self.fc(hidden[-1])


def main():
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 0
    torch.manual_seed(seed)
    generator = torch.Generator().manual_seed(seed)
    train_x, train_y = make_data(TRAIN, generator)
    valid_x, valid_y = make_data(VALID, generator)
    model = Model()
    print(f"parameters: {sum(p.numel() for p in model.parameters()):,}")
    majority = max(valid_y.float().mean().item(), 1 - valid_y.float().mean().item())
    print(f"always answering the more common class scores {majority:.1%} on the validation sequences")
    optimizer = torch.optim.Adam(model.parameters(), lr=3e-3)
    criterion = nn.CrossEntropyLoss()
    rows = []
    for epoch in range(1, 31):
        model.train()
        order = torch.randperm(TRAIN)
        total = 0.0
        for i in range(0, TRAIN, 32):
            batch = order[i:i + 32]
            optimizer.zero_grad()
            loss = criterion(model(train_x[batch]), train_y[batch])
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        model.eval()
        with torch.no_grad():
            train_acc = (model(train_x).argmax(dim=1) == train_y).float().mean().item()
            logits = model(valid_x)
            valid_loss = criterion(logits, valid_y).item()
            valid_acc = (logits.argmax(dim=1) == valid_y).float().mean().item()
        rows.append((epoch, total / TRAIN, train_acc, valid_loss, valid_acc))
    best = min(rows, key=lambda r: r[3])
    print(f"lowest validation loss {best[3]:.3f} at epoch {best[0]} (accuracy {best[4]:.1%})")
    memorized = next((r[0] for r in rows if r[2] == 1.0), None)
    print(f"first epoch with every training sequence right: {memorized}")
    after = [r for r in rows if r[0] > best[0]]
    # The table adds the best epoch and the one with the lowest accuracy after it, so every figure quoted is in it.
    epochs = sorted(set(SHOWN_EPOCHS) | {best[0]} | ({min(after, key=lambda r: r[4])[0]} if after else set()))
    print("| Epoch | " + " | ".join(str(e) for e in epochs) + " |")
    print("|---|" + "---|" * len(epochs))
    shown = [rows[e - 1] for e in epochs]
    print("| Training loss | " + " | ".join(f"{r[1]:.3f}" for r in shown) + " |")
    print("| Validation loss | " + " | ".join(f"{r[3]:.3f}" for r in shown) + " |")
    print("| Validation accuracy | " + " | ".join(f"{r[4]:.1%}" for r in shown) + " |")
    if after:
        print(f"validation accuracy after the best epoch: {min(r[4] for r in after):.1%} to {max(r[4] for r in after):.1%}")


if __name__ == "__main__":
    main()
